/** A transfer review's buttons: sign and send (busy while co-signing), or go Back to the form. */
export function TransferConfirm(props: {
  testId: string;
  label: string;
  busyLabel: string;
  busy: boolean;
  /** a red button, for an action that empties the account */
  danger?: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  return (
    <div class="actions">
      <button
        type="button"
        class={props.danger ? 'danger' : undefined}
        data-testid={props.testId}
        disabled={props.busy}
        onClick={props.onConfirm}
      >
        {props.busy ? props.busyLabel : props.label}
      </button>
      <button type="button" class="secondary" disabled={props.busy} onClick={props.onBack}>
        Back
      </button>
    </div>
  );
}
