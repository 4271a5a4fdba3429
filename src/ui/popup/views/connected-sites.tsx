import { useEffect, useState } from 'preact/hooks';
import { type UserError, useAction } from '../../components/use-action.ts';

/** What the list shows of a site's grant. */
export interface ConnectedSite {
  origin: string;
  lastUsedAt: number;
}

/** One side's grants: loaded once when shown; a revocation answers with the sites that remain. */
export function useConnectedSites(
  list: () => Promise<ConnectedSite[]>,
  revoke: (origin: string) => Promise<ConnectedSite[]>,
): {
  sites: ConnectedSite[] | null;
  error: UserError | null;
  busy: boolean;
  revoke: (origin: string) => void;
} {
  const [sites, setSites] = useState<ConnectedSite[] | null>(null);
  const load = useAction(async () => setSites(await list()));
  const revoking = useAction(async (origin: string) => setSites(await revoke(origin)));
  // load once
  useEffect(() => {
    void load.run();
  }, []);
  return {
    sites,
    error: load.error ?? revoking.error,
    busy: revoking.busy,
    revoke: (origin) => void revoking.run(origin),
  };
}

/** The sites with their last use and a Disconnect button each; a line when there is none. */
export function ConnectedSiteList(props: {
  sites: ConnectedSite[] | null;
  testIds: { empty: string; list: string; revoke: string };
  emptyText: string;
  revokeLabel: (origin: string) => string;
  busy: boolean;
  onRevoke: (origin: string) => void;
}) {
  const { sites, testIds } = props;
  return (
    <>
      {sites && sites.length === 0 && <p data-testid={testIds.empty}>{props.emptyText}</p>}
      <ul class="site-list" data-testid={testIds.list}>
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
              data-testid={testIds.revoke}
              aria-label={props.revokeLabel(s.origin)}
              disabled={props.busy}
              onClick={() => props.onRevoke(s.origin)}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
