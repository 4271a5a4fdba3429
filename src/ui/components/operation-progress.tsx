import type { OperationProgress } from '../../messaging/page-messages.ts';

// Words for the background's stable step names; unknown steps are shown as they come.
const STEP_WORDS: Record<string, string> = {
  connect: 'Connecting to the enclave',
  'ecdsa-keygen': 'Making the Ethereum key pair (two-party, with proofs)',
  'frost-dkg': 'Making the Solana key pair (FROST)',
  seal: 'Encrypting your share on this device',
  confirm: 'Confirming with the enclave',
  'ecdsa-sign': 'Co-signing with the enclave',
  'frost-sign': 'Co-signing with the enclave',
  sign: 'Co-signing with the enclave',
  broadcast: 'Sending to the network',
  verify: 'Checking the signature',
};

/** A progress bar for a long wallet operation, readable by screen readers. */
export function OperationProgressView({
  progress,
  title,
}: {
  progress: OperationProgress | null;
  title: string;
}) {
  const words = progress ? (STEP_WORDS[progress.step] ?? progress.step) : 'Starting';
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
