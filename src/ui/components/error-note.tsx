import type { UserError } from './use-action.ts';

// What to do next, only where the background's message (which says what happened) leaves it open.
const NEXT_STEP: Record<string, string> = {
  NO_ANSWER: 'Close this window and open it again.',
  UNEXPECTED: 'Close this window and open it again.',
  ENCLAVE_UNREACHABLE: 'If this persists, check the enclave URL in Settings.',
  ENCLAVE_IDENTITY_MISMATCH:
    'Check the enclave URL in Settings: it must point at the service this wallet was made with.',
  ENCLAVE_FAULT: 'Try again later. If it keeps happening, check Health and consider ejecting.',
  ENCLAVE_REFUSED: 'Open Health to see the state of your key pairs.',
  PAIR_LOCKED: 'This key pair is locked after a failed signature: restore from your backup file, or eject.',
  EJECT_NOT_ALLOWED: 'The eject window is closed; open it again, or ask your wallet provider to enable it.',
};

/** A user-facing error: what happened (the background's message) and what to do. */
export function ErrorNote({ error, testId }: { error: UserError | null; testId?: string }) {
  if (!error) return null;
  const next = NEXT_STEP[error.code];
  return (
    <div class="note error" role="alert" data-testid={testId ?? 'error'}>
      <strong>{error.message || 'That did not work.'}</strong>
      {next && <span>{next} </span>}
      <small>({error.code})</small>
    </div>
  );
}
