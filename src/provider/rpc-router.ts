import type { ChainSelectionStore } from '../chains/chain-selection.ts';
import { selectedEvmChain } from '../chains/chain-selection.ts';
import { toHexChainId } from '../chains/evm-chains.ts';
import { ProviderRpcError, providerErrors } from './provider-errors.ts';

/** What the background knows about a request: the origin comes from the port's sender, never the page. */
export interface ProviderRequest {
  origin: string;
  method: string;
  params?: unknown;
}

export interface ProviderContext {
  chains: ChainSelectionStore;
}

type MethodHandler = (req: ProviderRequest, ctx: ProviderContext) => Promise<unknown>;

// One small handler per method; later methods add entries here.
const handlers: Record<string, MethodHandler> = {
  eth_chainId: async (_req, ctx) => toHexChainId((await selectedEvmChain(ctx.chains)).chainId),
  net_version: async (_req, ctx) => String((await selectedEvmChain(ctx.chains)).chainId),
};

export async function routeProviderRequest(req: ProviderRequest, ctx: ProviderContext): Promise<unknown> {
  const handler = Object.hasOwn(handlers, req.method) ? handlers[req.method] : undefined;
  if (!handler) throw providerErrors.unsupportedMethod(req.method);
  try {
    return await handler(req, ctx);
  } catch (e) {
    if (e instanceof ProviderRpcError) throw e;
    throw providerErrors.internal();
  }
}
