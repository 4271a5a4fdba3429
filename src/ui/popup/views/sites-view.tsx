import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { ConnectedSiteList, useConnectedSites } from './connected-sites.tsx';
import { SolanaSites } from './solana-sites.tsx';

/** Sites that may see the address and ask for signatures; revoking disconnects them. */
export function SitesView() {
  const sites = useConnectedSites(
    async () => (await askBackground('sites.list', {})).sites,
    async (origin) => (await askBackground('sites.revoke', { origin })).sites,
  );
  return (
    <section data-testid="sites-view">
      <h1>Connected sites</h1>
      <p>
        <small>
          These sites can see your address and ask you to sign. Every signature still needs your approval.
        </small>
      </p>
      <ErrorNote error={sites.error} />
      <ConnectedSiteList
        sites={sites.sites}
        testIds={{ empty: 'sites-empty', list: 'sites-list', revoke: 'site-revoke' }}
        emptyText="No site is connected."
        revokeLabel={(origin) => `Disconnect ${origin}`}
        busy={sites.busy}
        onRevoke={sites.revoke}
      />
      <SolanaSites />
    </section>
  );
}
