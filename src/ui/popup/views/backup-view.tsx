import { BackupList } from '../../backup/backup-list.tsx';
import { SafetyNote } from '../../components/safety-note.tsx';
import { openExtensionTab } from '../../open-page.ts';

/**
 * Backups at a glance with revoke; making and checking files happens in a full tab, since a toolbar popup
 * may close when a download starts or a file picker opens.
 */
export function BackupView() {
  return (
    <section data-testid="backup-view">
      <h1>Backup</h1>
      <BackupList />
      <div class="actions">
        <button
          type="button"
          data-testid="open-backup-tab"
          onClick={() => openExtensionTab('onboarding.html', '#backup')}
        >
          Check a file or make a new backup
        </button>
      </div>
      <SafetyNote what="your backup files and their passwords" />
    </section>
  );
}
