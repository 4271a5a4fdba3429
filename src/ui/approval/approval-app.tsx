import { useEffect, useState } from 'preact/hooks';
import type { ApprovalView } from '../../provider/approvals/approval-types.ts';
import { askBackground } from '../background-client.ts';
import { ApprovalContentView } from './approval-content.tsx';

// Keeps the MV3 worker awake while the user reads (an idle worker would drop the pending request).
const KEEPALIVE_MS = 10_000;

/** The approval window: one pending dApp request at a time, oldest first. Closing it rejects (4001). */
export function ApprovalApp() {
  const [view, setView] = useState<ApprovalView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      askBackground('approval.current', {}).then(
        (v) => setView((old) => (old && v && old.id === v.id ? old : v)),
        (e: Error) => setError(e.message),
      );
    void load();
    const timer = setInterval(load, KEEPALIVE_MS);
    return () => clearInterval(timer);
  }, []);

  const decide = async (approved: boolean) => {
    if (!view) return;
    setBusy(true);
    try {
      const next = await askBackground('approval.decide', { id: view.id, approved });
      if (next) setView(next);
      else window.close();
    } catch (e) {
      setError((e as Error).message);
      setView(await askBackground('approval.current', {}).catch(() => null));
    } finally {
      setBusy(false);
    }
  };

  if (view === undefined) return <main class="approval">Loading…</main>;
  if (view === null)
    return (
      <main class="approval">
        <p>No request is waiting.</p>
        {error && <p role="alert">{error}</p>}
        <button type="button" onClick={() => window.close()}>
          Close
        </button>
      </main>
    );
  return (
    <main class="approval">
      <header>
        <div class="origin" data-testid="approval-origin">
          {view.origin}
        </div>
        <div class="chain" data-testid="approval-chain">
          {view.chain.name} ({view.chain.chainId})
        </div>
        {view.queued > 1 && <div class="queued">1 of {view.queued} requests</div>}
      </header>
      {view.warnings.length > 0 && (
        <ul class="warnings" data-testid="approval-warnings">
          {view.warnings.map((w) => (
            <li key={w.code} data-warning={w.code}>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      <ApprovalContentView view={view} />
      {error && <p role="alert">{error}</p>}
      <footer>
        <button type="button" data-testid="reject" disabled={busy} onClick={() => decide(false)}>
          Reject
        </button>
        <button
          type="button"
          data-testid="approve"
          class="primary"
          disabled={busy}
          onClick={() => decide(true)}
        >
          {view.content.kind === 'connect' ? 'Connect' : 'Approve'}
        </button>
      </footer>
    </main>
  );
}
