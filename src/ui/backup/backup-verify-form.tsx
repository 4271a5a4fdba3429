import { useState } from 'preact/hooks';
import type { BackupInfo } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { FileField } from '../components/file-field.tsx';
import { Note } from '../components/note.tsx';
import { TextField } from '../components/text-field.tsx';
import { useAction } from '../components/use-action.ts';

/** Check the file the user actually saved (not memory): it must open with the password and match. */
export function BackupVerifyForm({ onVerified }: { onVerified?: (b: BackupInfo) => void }) {
  const [fileText, setFileText] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [verified, setVerified] = useState<BackupInfo | null>(null);
  const { run, busy, error } = useAction(async () => {
    const info = await askBackground('backup.verify', { fileText: fileText ?? '', backupPassword: password });
    setVerified(info);
    setPassword('');
    onVerified?.(info);
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (fileText && password) void run();
      }}
    >
      <FileField
        label="The backup file you saved"
        testId="backup-verify-file"
        onText={(t) => {
          setFileText(t);
          setVerified(null);
        }}
        hint="Pick it from where you stored it, so we know that copy opens."
      />
      <TextField
        label="Its backup password"
        testId="backup-verify-password"
        type="password"
        autoComplete="off"
        value={password}
        onValue={setPassword}
      />
      <ErrorNote error={error} />
      <div class="actions">
        <button type="submit" data-testid="backup-verify-submit" disabled={!fileText || !password || busy}>
          {busy ? 'Checking the file…' : 'Check the file'}
        </button>
      </div>
      {verified && (
        <Note kind="ok" title="Backup checked" testId="backup-verified">
          The file opens with this password and matches your wallet. The enclave now keeps its half of this
          backup.
        </Note>
      )}
    </form>
  );
}
