import type { UserError } from './use-action.ts';

// What to do next, for the errors a person can act on; the background's message says what happened.
const NEXT_STEP: Record<string, string> = {
  NO_ANSWER: 'Close this window and open it again.',
  ENCLAVE_UNREACHABLE: 'Check your connection, or the enclave URL in Settings, then try again.',
  WRONG_PASSWORD: 'Check the password (caps lock?) and try again.',
  LOCKED: 'Unlock the wallet first.',
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
