import { toHexChainId } from '../../chains/evm-chains.ts';
import type { MethodHandler } from '../provider-context.ts';

/** eth_chainId / net_version: public (every page may ask), from the selected chain. */
export const chainIdMethods: Record<string, MethodHandler> = {
  eth_chainId: async (_req, ctx) => toHexChainId((await ctx.chains.selected()).chainId),
  net_version: async (_req, ctx) => String((await ctx.chains.selected()).chainId),
};
