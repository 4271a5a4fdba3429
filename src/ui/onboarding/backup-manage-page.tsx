import { useState } from 'preact/hooks';
import { BackupExportForm } from '../backup/backup-export-form.tsx';
import { BackupList } from '../backup/backup-list.tsx';
import { BackupVerifyForm } from '../backup/backup-verify-form.tsx';
import { SafetyNote } from '../components/safety-note.tsx';

/**
 * Backups of an existing wallet, in a full tab (onboarding.html#backup): the popup sends people here because
 * a toolbar popup may close when a download starts or a file picker opens (Firefox does).
 */
export function BackupManagePage() {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <section data-testid="backup-manage">
      <h1>Your backups</h1>
      <SafetyNote what="your backup files and their passwords" />
      <BackupList refreshKey={version} />
      <h2>Check a saved file</h2>
      <p>
        <small>Re-check your file every few months: a file you cannot open is no backup.</small>
      </p>
      <BackupVerifyForm onVerified={changed} />
      <h2>Make a new backup</h2>
      <p>
        <small>
          A new backup is a new file with its own password. Check it, then revoke the older backups whose
          files you no longer keep safe.
        </small>
      </p>
      <BackupExportForm onExported={changed} />
    </section>
  );
}
