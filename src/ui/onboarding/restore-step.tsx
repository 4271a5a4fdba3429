import { useState } from 'preact/hooks';
import type { WalletAddresses } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { peekBackupFile } from '../backup/backup-file-peek.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { FileField } from '../components/file-field.tsx';
import { Note } from '../components/note.tsx';
import { OperationProgressView } from '../components/operation-progress.tsx';
import { MIN_PASSWORD_LENGTH } from '../components/password-strength.ts';
import { PasswordStrengthHint } from '../components/password-strength-hint.tsx';
import { SafetyNote } from '../components/safety-note.tsx';
import { TextField } from '../components/text-field.tsx';
import { useAction } from '../components/use-action.ts';
import { useOperationProgress } from '../wallet-events.ts';

/** Recover the wallet from a backup file onto this device, with a new wallet password. */
export function RestoreStep(props: { onRestored: (a: WalletAddresses) => void; onBack: () => void }) {
  const [fileText, setFileText] = useState<string | null>(null);
  const [backupPassword, setBackupPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const { run, busy, error } = useAction(async () => {
    const addresses = await askBackground('wallet.recover', {
      fileText: fileText ?? '',
      backupPassword,
      newPassword,
    });
    props.onRestored(addresses);
  });
  const progress = useOperationProgress(busy);
  const peek = fileText ? peekBackupFile(fileText) : null;
  const ready = !!fileText && backupPassword.length > 0 && newPassword.length >= MIN_PASSWORD_LENGTH && !busy;
  return (
    <section>
      <h1>Restore from a backup file</h1>
      <p>
        Pick the backup file you saved and type its backup password. Your addresses stay the same. This device
        becomes the wallet's only device: any other device that had it stops signing.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void run();
        }}
      >
        <FileField label="Backup file" testId="restore-file" onText={(t) => setFileText(t)} />
        {fileText !== null &&
          (peek ? (
            <Note title="This backup is for">
              <span class="mono">{peek.evm}</span>
              <br />
              <span class="mono">{peek.solana}</span>
            </Note>
          ) : (
            <Note kind="error" title="This is not a Twofold backup file">
              Pick the .json file that Twofold downloaded when you made the backup.
            </Note>
          ))}
        <TextField
          label="Backup password"
          testId="restore-backup-password"
          type="password"
          value={backupPassword}
          onValue={setBackupPassword}
        />
        <TextField
          label="New wallet password for this device"
          testId="restore-new-password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onValue={setNewPassword}
          hint={<PasswordStrengthHint password={newPassword} />}
        />
        <ErrorNote error={error} />
        {busy && <OperationProgressView progress={progress} title="Restoring with the enclave" />}
        <div class="actions">
          <button type="submit" data-testid="restore-submit" disabled={!ready}>
            {busy ? 'Restoring…' : 'Restore the wallet'}
          </button>
          <button type="button" class="secondary" onClick={props.onBack} disabled={busy}>
            Back
          </button>
        </div>
      </form>
      <SafetyNote what="the backup file and its password" />
    </section>
  );
}
