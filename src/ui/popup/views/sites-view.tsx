import { useEffect, useState } from 'preact/hooks';
import type { ConnectedSiteInfo } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { useAction } from '../../components/use-action.ts';
import { SolanaSites } from './solana-sites.tsx';

/** Sites that may see the address and ask for signatures; revoking disconnects them. */
export function SitesView() {
  const [sites, setSites] = useState<ConnectedSiteInfo[] | null>(null);
  const load = useAction(async () => setSites((await askBackground('sites.list', {})).sites));
  const revoke = useAction(async (origin: string) =>
    setSites((await askBackground('sites.revoke', { origin })).sites),
  );
  // load once
  useEffect(() => {
    void load.run();
  }, []);
  return (
    <section data-testid="sites-view">
      <h1>Connected sites</h1>
      <p>
        <small>
          These sites can see your address and ask you to sign. Every signature still needs your approval.
        </small>
      </p>
      <ErrorNote error={load.error ?? revoke.error} />
      {sites && sites.length === 0 && <p data-testid="sites-empty">No site is connected.</p>}
      <ul class="site-list" data-testid="sites-list">
        {(sites ?? []).map((s) => (
          <li key={s.origin} data-origin={s.origin}>
            <span>
              <span class="mono">{s.origin}</span>
              <br />
              <small>last used {new Date(s.lastUsedAt).toLocaleDateString()}</small>
            </span>
            <button
              type="button"
              class="secondary"
              data-testid="site-revoke"
              aria-label={`Disconnect ${s.origin}`}
              disabled={revoke.busy}
              onClick={() => void revoke.run(s.origin)}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
      <SolanaSites />
    </section>
  );
}
