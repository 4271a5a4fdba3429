import { useEffect, useState } from 'preact/hooks';
import type { SolanaGrant } from '../../../provider/solana/solana-permissions.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { useAction } from '../../components/use-action.ts';

/** Sites connected on the Solana side (their own grants, separate from the EVM ones). */
export function SolanaSites() {
  const [sites, setSites] = useState<SolanaGrant[] | null>(null);
  const load = useAction(async () => setSites((await askBackground('solana.sites', {})).sites));
  const revoke = useAction(async (origin: string) =>
    setSites((await askBackground('solana.sites.revoke', { origin })).sites),
  );
  // load once
  useEffect(() => {
    void load.run();
  }, []);
  return (
    <div data-testid="solana-sites">
      <h2>Solana</h2>
      <ErrorNote error={load.error ?? revoke.error} testId="solana-sites-error" />
      {sites && sites.length === 0 && <p data-testid="solana-sites-empty">No site is connected to Solana.</p>}
      <ul class="site-list" data-testid="solana-sites-list">
        {(sites ?? []).map((s) => (
          <li key={s.origin} data-origin={s.origin}>
            <span>
              <span class="mono">{s.origin}</span>
              <br />
              <small>last used {new Date(s.lastUsedAt ?? s.date).toLocaleDateString()}</small>
            </span>
            <button
              type="button"
              class="secondary"
              data-testid="solana-site-revoke"
              aria-label={`Disconnect ${s.origin} from Solana`}
              disabled={revoke.busy}
              onClick={() => void revoke.run(s.origin)}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
