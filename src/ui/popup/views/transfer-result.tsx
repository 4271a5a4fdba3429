import type { ComponentChildren } from 'preact';
import { CopyButton } from '../../components/copy-button.tsx';
import { Note } from '../../components/note.tsx';

/** A transfer the network accepted: what happened, its hash or signature to copy, and a way back to the form. */
export function TransferResult(props: {
  /** data-testid of the section, for views whose every screen carries one */
  testId?: string;
  heading: string;
  noteTitle: string;
  /** the note's text: when the transfer is final */
  children: ComponentChildren;
  idLabel: string;
  id: string;
  idTestId: string;
  againLabel: string;
  onAgain: () => void;
}) {
  return (
    <section data-testid={props.testId}>
      <h1>{props.heading}</h1>
      <Note kind="ok" title={props.noteTitle}>
        {props.children}
      </Note>
      <p>{props.idLabel}</p>
      <div class="address-row">
        <span class="mono" data-testid={props.idTestId}>
          {props.id}
        </span>
        <CopyButton value={props.id} />
      </div>
      <button type="button" class="secondary" onClick={props.onAgain}>
        {props.againLabel}
      </button>
    </section>
  );
}
