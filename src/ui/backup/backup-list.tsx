import { useEffect, useState } from 'preact/hooks';
import type { BackupInfo } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { useAction } from '../components/use-action.ts';

const day = (ms: number) => new Date(ms).toLocaleString();

/** Live backups with their last check; an old file plus its password can take over until revoked. */
export function BackupList({ refreshKey }: { refreshKey?: unknown }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const load = useAction(async () => setBackups((await askBackground('backup.list', {})).backups));
  const revoke = useAction(async (backupId: string) =>
    setBackups((await askBackground('backup.revoke', { backupId })).backups),
  );
  // reload when the parent says a backup changed
  useEffect(() => {
    void load.run();
  }, [refreshKey]);
  const live = (backups ?? []).filter((b) => b.status !== 'revoked');
  return (
    <section aria-label="Your backups">
      <h2>Your backups</h2>
      <ErrorNote error={load.error ?? revoke.error} />
      {backups && live.length === 0 && <p>No backup yet.</p>}
      <ul class="site-list" data-testid="backup-list">
        {live.map((b) => (
          <li key={b.backupId}>
            <span>
              Made {day(b.createdAt)}
              <br />
              <small>
                {b.status === 'verified'
                  ? `checked ${b.lastVerifiedAt ? day(b.lastVerifiedAt) : ''}`
                  : 'not checked yet: check the file below'}
              </small>
            </span>
            {live.length > 1 && (
              <button
                type="button"
                class="secondary"
                disabled={revoke.busy}
                onClick={() => void revoke.run(b.backupId)}
                aria-label={`Revoke the backup made ${day(b.createdAt)}`}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      {live.length > 1 && (
        <p>
          <small>
            Revoke the backups whose files you no longer keep safe: until revoked, an old file and its
            password can still take over the wallet.
          </small>
        </p>
      )}
    </section>
  );
}
