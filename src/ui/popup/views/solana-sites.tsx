import type { SolanaGrant } from '../../../provider/solana/solana-permissions.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { type ConnectedSite, ConnectedSiteList, useConnectedSites } from './connected-sites.tsx';

// a grant not used since it was given shows the day it was given
const asSites = (grants: SolanaGrant[]): ConnectedSite[] =>
  grants.map((g) => ({ origin: g.origin, lastUsedAt: g.lastUsedAt ?? g.date }));

/** Sites connected on the Solana side (their own grants, separate from the EVM ones). */
export function SolanaSites() {
  const sites = useConnectedSites(
    async () => asSites((await askBackground('solana.sites', {})).sites),
    async (origin) => asSites((await askBackground('solana.sites.revoke', { origin })).sites),
  );
  return (
    <div data-testid="solana-sites">
      <h2>Solana</h2>
      <ErrorNote error={sites.error} testId="solana-sites-error" />
      <ConnectedSiteList
        sites={sites.sites}
        testIds={{ empty: 'solana-sites-empty', list: 'solana-sites-list', revoke: 'solana-site-revoke' }}
        emptyText="No site is connected to Solana."
        revokeLabel={(origin) => `Disconnect ${origin} from Solana`}
        busy={sites.busy}
        onRevoke={sites.revoke}
      />
    </div>
  );
}
