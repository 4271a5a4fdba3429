import { ErrorNote } from '../../components/error-note.tsx';
import type { UserError } from '../../components/use-action.ts';
import { solanaNextStep } from './solana-send-input.ts';

/** The shared error note plus what to do for the Solana API's own codes. */
export function SolanaErrorNote({ error }: { error: UserError | null }) {
  const next = error ? solanaNextStep(error.code) : null;
  return (
    <>
      <ErrorNote error={error} />
      {next && (
        <p role="status">
          <small>{next}</small>
        </p>
      )}
    </>
  );
}
