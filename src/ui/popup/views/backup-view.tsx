import { useState } from 'preact/hooks';
import { BackupExportForm } from '../../backup/backup-export-form.tsx';
import { BackupList } from '../../backup/backup-list.tsx';
import { BackupVerifyForm } from '../../backup/backup-verify-form.tsx';
import { SafetyNote } from '../../components/safety-note.tsx';

/** Make another backup, check a saved file against the wallet, revoke old ones. */
export function BackupView({ onChanged }: { onChanged: () => void }) {
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  return (
    <section data-testid="backup-view">
      <h1>Backup</h1>
      <SafetyNote what="your backup files and their passwords" />
      <BackupList refreshKey={version} />
      <h2>Check a saved file</h2>
      <p>
        <small>Re-check your file every few months: a file you cannot open is no backup.</small>
      </p>
      <BackupVerifyForm onVerified={changed} />
      <h2>Make a new backup</h2>
      <BackupExportForm onExported={changed} />
    </section>
  );
}
