import type { ChainRegistry } from '../chains/chain-registry.ts';
import type { PermissionStore } from '../permissions/permission-store.ts';
import type { ApprovalRequester } from './approvals/approval-types.ts';
import type { JsonRpcClient } from './json-rpc-client.ts';
import type { ProviderWallet } from './provider-wallet.ts';
import type { ProviderEventName } from './relay-wire.ts';
import type { SolanaContext } from './solana/solana-context.ts';

/** What the background knows about a request: the origin comes from the port's sender, never the page. */
export interface ProviderRequest {
  origin: string;
  method: string;
  params?: unknown;
}

/** Pushes EIP-1193 events to the pages of one origin, or to every page with an open provider port. */
export interface ProviderEvents {
  emit(origin: string, event: ProviderEventName, data: unknown): void;
  broadcast(event: ProviderEventName, data: unknown): void;
}

/** Everything a method handler may use; each part is injected so handlers are unit-testable. */
export interface ProviderContext {
  chains: ChainRegistry;
  permissions: PermissionStore;
  wallet: ProviderWallet;
  approvals: ApprovalRequester;
  events: ProviderEvents;
  rpcFor(rpcUrl: string): JsonRpcClient;
  /** The Solana side (clusters, grants); absent where only EVM is wired. */
  solana?: SolanaContext;
}

export type MethodHandler = (req: ProviderRequest, ctx: ProviderContext) => Promise<unknown>;
