import { buildConfig } from '../../build-config.ts';
import { SolanaClusters, type SolanaSettingsStore } from '../../chains/solana/solana-clusters.ts';
import { httpJsonRpc, type JsonRpcClient } from '../json-rpc-client.ts';
import { type SolanaGrantsStorage, SolanaPermissions } from './solana-permissions.ts';

/** The Solana side of the provider context: clusters (RPC per cluster), per-origin grants, RPC clients. */
export interface SolanaContext {
  clusters: SolanaClusters;
  permissions: SolanaPermissions;
  rpcFor(rpcUrl: string): JsonRpcClient;
}

export function createSolanaContext(deps: {
  settings: SolanaSettingsStore;
  grants: SolanaGrantsStorage;
  rpcFor?: (rpcUrl: string) => JsonRpcClient;
}): SolanaContext {
  return {
    clusters: new SolanaClusters(deps.settings, buildConfig.defaultSolanaCluster),
    permissions: new SolanaPermissions(deps.grants),
    rpcFor: deps.rpcFor ?? ((url) => httpJsonRpc(url)),
  };
}
