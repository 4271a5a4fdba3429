import type { HealthReport, WalletStatus } from '../../../messaging/page-messages.ts';
import type { PopupRoute } from '../popup-route.ts';

/**
 * Another device exported the key (SPEC §4.7): from the wallet record, or from a health check that has just
 * found it (the status the popup holds may predate the check that recorded it).
 */
export function keyExportedElsewhere(status: WalletStatus, health: HealthReport | null): boolean {
  if (status.keyExported) return false; // this device's own "Key exported" warning says more
  return (
    status.keyExportedElsewhere === true ||
    !!health?.checks.some((c) => c.id === 'key-exported-elsewhere' && !c.ok)
  );
}

/** Loud, actionable warnings for the home page. */
export function StatusWarnings(props: {
  status: WalletStatus;
  health: HealthReport | null;
  onRoute: (r: PopupRoute) => void;
}) {
  const { status, health, onRoute } = props;
  const go = (r: PopupRoute, label: string) => (
    <button type="button" class="link" onClick={() => onRoute(r)}>
      {label}
    </button>
  );
  return (
    <div data-testid="home-warnings">
      {status.restoredElsewhere && (
        <div class="note error" role="alert" data-testid="warning-restored-elsewhere">
          <strong>Restored elsewhere</strong>
          This wallet was restored on another device, so this device can no longer sign. Use that device, or
          restore here again from your backup file.
        </div>
      )}
      {status.keyExported && (
        <div class="note error" role="alert" data-testid="warning-key-exported">
          <strong>Key exported</strong>
          The full private keys were revealed. Anyone who saw them can move your funds: move everything to a
          new wallet. {go('eject', 'Details')}
          <div class="actions">
            <button type="button" class="danger" data-testid="sweep-open" onClick={() => onRoute('sweep')}>
              Move funds
            </button>
          </div>
        </div>
      )}
      {keyExportedElsewhere(status, health) && (
        <div class="note error" role="alert" data-testid="status-key-exported-elsewhere">
          <strong>Key exported on another device</strong>
          This wallet's key was exported on another device: move your funds to a new wallet. Anyone who saw
          that key can move them; this device still signs, so you can move them from here.
          <div class="actions">
            <button
              type="button"
              class="danger"
              data-testid="sweep-open-exported-elsewhere"
              onClick={() => onRoute('sweep')}
            >
              Move funds
            </button>
          </div>
        </div>
      )}
      {status.needsBackup && !status.keyExported && (
        <div class="note warn" role="alert" data-testid="warning-needs-backup">
          <strong>No checked backup</strong>
          If this device is lost, nobody can recover the wallet. {go('backup', 'Make a backup now')}
        </div>
      )}
      {status.pendingOperations > 0 && (
        <div class="note warn" role="alert" data-testid="warning-pending">
          <strong>Unfinished operation</strong>
          {status.pendingOperations} operation{status.pendingOperations > 1 ? 's were' : ' was'} interrupted.
          It finishes with the enclave on the next unlock; if this stays, check {go('health', 'Health')}.
        </div>
      )}
      {health && !health.ok && (
        <div class="note warn" role="alert" data-testid="warning-health">
          <strong>Health check: action needed</strong>
          {health.checks.filter((c) => !c.ok)[0]?.message} {go('health', 'See all checks')}
        </div>
      )}
    </div>
  );
}
