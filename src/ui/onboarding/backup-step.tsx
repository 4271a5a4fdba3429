import { useState } from 'preact/hooks';
import { BackupExportForm } from '../backup/backup-export-form.tsx';
import { BackupVerifyForm } from '../backup/backup-verify-form.tsx';
import { SafetyNote } from '../components/safety-note.tsx';

/**
 * Export the backup file, then check the saved copy. Leaving without a checked backup needs an explicit
 * acknowledgement: the step cannot be skipped silently.
 */
export function BackupStep({ onDone, onSkip }: { onDone: () => void; onSkip: () => void }) {
  const [exported, setExported] = useState(false);
  const [skipping, setSkipping] = useState(false);
  const [understood, setUnderstood] = useState(false);
  return (
    <section>
      <h1>Back up your wallet</h1>
      <p>
        The backup is a second, separate half of your key, saved as an encrypted file protected by its own
        password. With it and that password you can restore the wallet on a new device.
      </p>
      <SafetyNote what="the backup file and its password" />
      <h2>1. Download the backup file</h2>
      <BackupExportForm onExported={() => setExported(true)} />
      {exported && (
        <>
          <h2>2. Check the file you saved</h2>
          <BackupVerifyForm onVerified={onDone} />
        </>
      )}
      <hr />
      {!skipping ? (
        <button type="button" class="link" data-testid="backup-skip" onClick={() => setSkipping(true)}>
          I will do this later
        </button>
      ) : (
        <div class="note warn" role="alert">
          <label>
            <input
              type="checkbox"
              data-testid="backup-skip-understood"
              checked={understood}
              onChange={(e) => setUnderstood((e.currentTarget as HTMLInputElement).checked)}
              style={{ width: 'auto', marginRight: '6px' }}
            />
            I understand that without a checked backup, losing this device or this browser profile loses the
            wallet and its funds for good. The popup will keep reminding me.
          </label>
          <div class="actions">
            <button type="button" class="danger" disabled={!understood} onClick={onSkip}>
              Skip the backup for now
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
