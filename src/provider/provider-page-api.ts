import { toHexChainId } from '../chains/evm-chains.ts';
import type { PageRequests } from '../messaging/page-messages.ts';
import type { OriginGrant } from '../permissions/permission-store.ts';
import type { ProviderService } from './provider-service.ts';

/** The page-API requests the provider serves (approval window, connected sites, networks). */
export type ProviderPageRequestType =
  | 'approval.current'
  | 'approval.decide'
  | 'sites.list'
  | 'sites.revoke'
  | 'chains.list'
  | 'chains.select';

type Handlers = {
  [T in ProviderPageRequestType]: (
    payload: PageRequests[T]['request'],
  ) => Promise<PageRequests[T]['response']>;
};

class PageInputError extends Error {
  readonly code = 'INVALID_ARGUMENT';
}

const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 2048)
    throw new PageInputError(`${what} is missing.`);
  return v;
};
const int = (v: unknown, what: string): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
    throw new PageInputError(`${what} is missing.`);
  return v;
};

const site = (g: OriginGrant) => ({
  origin: g.origin,
  accounts: g.accounts,
  connectedAt: g.date,
  lastUsedAt: g.lastUsedAt ?? g.date,
});

/** Page-API handlers of the provider, spread into the background's handlePageMessages({...}). */
export function providerPageHandlers(service: ProviderService): Handlers {
  const { ctx, approvals, connections } = service;
  return {
    'approval.current': async () => approvals.current(),
    'approval.decide': async (p) => approvals.decide(str(p?.id, 'id'), p?.approved === true),
    'sites.list': async () => ({ sites: (await ctx.permissions.list()).map(site) }),
    'sites.revoke': async (p) => {
      const origin = str(p?.origin, 'origin');
      if (await ctx.permissions.revoke(origin)) connections.emit(origin, 'accountsChanged', []);
      return { sites: (await ctx.permissions.list()).map(site) };
    },
    'chains.list': async () => ({
      chains: (await ctx.chains.list()).map((c) => ({
        chainId: c.chainId,
        name: c.name,
        symbol: c.nativeCurrency.symbol,
        rpcUrl: c.rpcUrl,
      })),
      selectedChainId: (await ctx.chains.selected()).chainId,
    }),
    'chains.select': async (p) => {
      const chainId = int(p?.chainId, 'chainId');
      if (await ctx.chains.select(chainId)) connections.broadcast('chainChanged', toHexChainId(chainId));
      return { selectedChainId: chainId };
    },
  };
}
