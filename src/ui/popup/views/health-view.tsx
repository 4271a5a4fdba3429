import { useEffect, useState } from 'preact/hooks';
import type { HealthCheck, HealthReport } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { useAction } from '../../components/use-action.ts';

const CHECK_NAMES: Record<HealthCheck['id'], string> = {
  'share-decrypts': 'This device’s share decrypts and matches',
  'pair-check': 'Pair check with the enclave',
  'signing-pair-status': 'Signing pair confirmed by the enclave',
  'backup-pair-status': 'Backup pair confirmed by the enclave',
  'backup-verified-recently': 'Backup file checked in the last 90 days',
  'refreshed-recently': 'Shares refreshed in the last 30 days',
  'journal-clear': 'No unfinished operation',
  'enclave-reachable': 'Enclave reachable',
  'key-exported-elsewhere': 'Key never exported on another device',
};

const curveName = (c: HealthCheck['curve']) =>
  c === 'secp256k1' ? 'Ethereum' : c === 'ed25519' ? 'Solana' : '';

/** Every check per curve; `health-status` says "ok" only when all pass (the automation contract). */
export function HealthView({ onRefreshShares }: { onRefreshShares?: () => void }) {
  const [report, setReport] = useState<HealthReport | null>(null);
  const check = useAction(async () => setReport(await askBackground('health.check', {})));
  const refresh = useAction(async () => {
    await askBackground('wallet.refresh', {});
    onRefreshShares?.();
    await check.run();
  });
  // run once when the page opens
  useEffect(() => {
    void check.run();
  }, []);
  const failing = report?.checks.filter((c) => !c.ok) ?? [];
  return (
    <section data-testid="health-view">
      <h1>Health</h1>
      <p class="balance" data-testid="health-status" role="status">
        {check.busy
          ? 'checking…'
          : report
            ? report.ok
              ? 'ok'
              : `needs attention (${failing.length})`
            : check.error
              ? 'could not check'
              : 'checking…'}
      </p>
      <ErrorNote error={check.error} />
      {failing.map((c) => (
        <div
          class="note error"
          role="alert"
          key={`${c.id}-${c.curve ?? ''}`}
          data-testid="health-problem"
          data-check={c.id}
        >
          <strong>
            {CHECK_NAMES[c.id]} {c.curve ? `(${curveName(c.curve)})` : ''}
          </strong>
          {c.message}
        </div>
      ))}
      {report && (
        <ul class="checks" data-testid="health-checks">
          {report.checks.map((c) => (
            <li
              key={`${c.id}-${c.curve ?? ''}`}
              class={c.ok ? 'pass' : 'fail'}
              data-check={c.id}
              data-curve={c.curve}
            >
              {CHECK_NAMES[c.id] ?? c.id} {c.curve ? `· ${curveName(c.curve)}` : ''}
              {c.ok && c.message ? (
                <>
                  <br />
                  <small>{c.message}</small>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {report && <small>Checked {new Date(report.checkedAt).toLocaleString()}</small>}
      <ErrorNote error={refresh.error} />
      <div class="actions">
        <button
          type="button"
          data-testid="health-recheck"
          disabled={check.busy}
          onClick={() => void check.run()}
        >
          Check again
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="health-refresh"
          disabled={refresh.busy}
          onClick={() => void refresh.run()}
        >
          {refresh.busy ? 'Refreshing…' : 'Refresh shares now'}
        </button>
      </div>
    </section>
  );
}
