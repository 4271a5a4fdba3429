import { useState } from 'preact/hooks';
import { saveTextFile } from '../../platform/save-file.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { MIN_PASSWORD_LENGTH } from '../components/password-strength.ts';
import { PasswordStrengthHint } from '../components/password-strength-hint.tsx';
import { TextField } from '../components/text-field.tsx';
import { useAction } from '../components/use-action.ts';

export interface ExportedBackup {
  backupId: string;
  fileName: string;
}

/**
 * Make a backup pair with the enclave and download its encrypted file. The backup password protects the
 * file; it must differ from the wallet password (the background enforces that too).
 */
export function BackupExportForm({ onExported }: { onExported: (b: ExportedBackup) => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [exported, setExported] = useState<ExportedBackup | null>(null);
  const { run, busy, error } = useAction(async () => {
    const r = await askBackground('backup.create', { backupPassword: password });
    saveTextFile(r.fileName, r.fileText);
    const info = { backupId: r.backupId, fileName: r.fileName };
    setExported(info);
    setPassword('');
    setConfirm('');
    onExported(info);
  });
  const mismatch = confirm.length > 0 && confirm !== password;
  const canSubmit = password.length >= MIN_PASSWORD_LENGTH && password === confirm && !busy;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (canSubmit) void run();
      }}
    >
      <TextField
        label="Backup password"
        testId="backup-password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        hint={
          <>
            <PasswordStrengthHint password={password} /> Use a different password from the wallet's: whoever
            has the file and this password can take over the wallet.
          </>
        }
      />
      <TextField
        label="Repeat the backup password"
        testId="backup-password-confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onValue={setConfirm}
        hint={mismatch ? 'The two passwords differ.' : undefined}
      />
      <ErrorNote error={error} />
      <div class="actions">
        <button type="submit" data-testid="backup-export" disabled={!canSubmit}>
          {busy
            ? 'Making the backup…'
            : exported
              ? 'Download another backup'
              : 'Create and download the backup'}
        </button>
      </div>
      {exported && (
        <p role="status" data-testid="backup-exported">
          Saved as <span class="mono">{exported.fileName}</span> in your downloads. Keep it somewhere other
          than this computer (a USB stick, a password manager, cloud storage you trust).
        </p>
      )}
    </form>
  );
}
