import type { ComponentChildren } from 'preact';

/** A boxed message: plain info, a warning, an error or a success. */
export function Note(props: {
  kind?: 'info' | 'warn' | 'error' | 'ok';
  title?: string;
  testId?: string;
  children?: ComponentChildren;
}) {
  const kind = props.kind ?? 'info';
  return (
    <div
      class={`note ${kind === 'info' ? '' : kind}`}
      role={kind === 'warn' || kind === 'error' ? 'alert' : undefined}
      data-testid={props.testId}
    >
      {props.title && <strong>{props.title}</strong>}
      {props.children}
    </div>
  );
}
