import type { ComponentChildren } from 'preact';

/** A labelled input; `onValue` gets the text as typed. */
export function TextField(props: {
  label: string;
  testId: string;
  value: string;
  onValue: (v: string) => void;
  type?: 'text' | 'password' | 'number' | 'url';
  autoComplete?: string;
  placeholder?: string;
  hint?: ComponentChildren;
  inputMode?: 'decimal' | 'text' | 'numeric';
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        // biome-ignore lint/a11y/noAutofocus: the first field of a single-purpose form
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        spellcheck={false}
      />
      {props.hint && <small>{props.hint}</small>}
    </label>
  );
}
