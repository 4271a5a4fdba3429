import { Note } from './note.tsx';

/** The seed's rule, shown wherever a share, a backup or a key is at stake. */
export function SafetyNote({ what = 'your client share and your backup file' }: { what?: string }) {
  return (
    <Note kind="warn" title="Yours alone" testId="safety-note">
      Keep {what} to yourself. Nobody from Twofold or the enclave operator will ever ask for them: anyone who
      does is trying to steal your funds.
    </Note>
  );
}
