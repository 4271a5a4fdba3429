import { ChainRegistry, type ChainSettingsStore } from '../chains/chain-registry.ts';
import { PermissionStore, type PermissionsStorage } from '../permissions/permission-store.ts';
import { ApprovalQueue, type ApprovalWindows } from './approvals/approval-queue.ts';
import { httpJsonRpc, type JsonRpcClient } from './json-rpc-client.ts';
import { visibleAccounts } from './methods/access.ts';
import { ProviderConnections } from './provider-connections.ts';
import type { ProviderContext } from './provider-context.ts';
import type { ProviderWallet } from './provider-wallet.ts';

export interface ProviderServiceDeps {
  wallet: ProviderWallet;
  chainSettings: ChainSettingsStore;
  permissionsStorage: PermissionsStorage;
  windows: ApprovalWindows;
  rpcFor?: (rpcUrl: string) => JsonRpcClient;
}

export interface ProviderService {
  ctx: ProviderContext;
  approvals: ApprovalQueue;
  connections: ProviderConnections;
  /** Tell every connected page of every origin what accounts it sees now (lock, unlock, revoke). */
  refreshAccounts(): Promise<void>;
}

/** Wire the provider's parts: chains, permissions, approvals, events and the wallet interface. */
export function createProviderService(deps: ProviderServiceDeps): ProviderService {
  const connections = new ProviderConnections();
  const approvals = new ApprovalQueue(deps.windows);
  const ctx: ProviderContext = {
    chains: new ChainRegistry(deps.chainSettings),
    permissions: new PermissionStore(deps.permissionsStorage),
    wallet: deps.wallet,
    approvals,
    events: connections,
    rpcFor: deps.rpcFor ?? ((url) => httpJsonRpc(url)),
  };
  const refreshAccounts = async () => {
    for (const origin of connections.origins())
      if (await ctx.permissions.isConnected(origin))
        connections.emit(origin, 'accountsChanged', await visibleAccounts(origin, ctx));
  };
  deps.wallet.onStateChange?.(() => void refreshAccounts());
  return { ctx, approvals, connections, refreshAccounts };
}
