import type { OperationProgress } from '../../messaging/page-messages.ts';

// What happens after each durable step the background reports (`operation:step` = the step just done).
const NEXT_WORDS: Record<string, string> = {
  'generate:keys': 'Making both key pairs with the enclave, with proofs',
  'generate:dkg': 'Encrypting your share on this device',
  'generate:stored': 'Confirming with the enclave',
  'recover:begun': 'Making new shares for this device from the backup',
  'recover:dkg': 'Encrypting your new share on this device',
  'recover:stored': 'Confirming with the enclave',
  'backup:begun': 'Making the backup pair with the enclave',
  'backup:created': 'Encrypting the backup file',
  'backup:sealed': 'Confirming with the enclave',
  'refresh:begun': 'Making fresh shares with the enclave',
  'refresh:dkg': 'Storing the fresh share',
  'refresh:stored': 'Confirming with the enclave',
  'eject:begun': 'Receiving the enclave’s half',
  'eject:released': 'Checking and storing the full key',
  'eject:stored': 'Confirming with the enclave',
};

/** A progress bar for a long wallet operation, readable by screen readers. */
export function OperationProgressView({
  progress,
  title,
}: {
  progress: OperationProgress | null;
  title: string;
}) {
  const words = progress ? (NEXT_WORDS[`${progress.operation}:${progress.step}`] ?? 'Working') : 'Working';
  return (
    <div data-testid="operation-progress" aria-live="polite">
      <p>
        <strong>{title}</strong>
      </p>
      {progress && progress.total > 0 ? (
        <progress max={progress.total} value={progress.done} aria-label={title} />
      ) : (
        <progress aria-label={title} />
      )}
      <p>
        <small>
          {words}
          {progress && progress.total > 0 ? ` (${progress.done}/${progress.total})` : ''}…
        </small>
      </p>
    </div>
  );
}
