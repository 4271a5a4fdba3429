import { parseHexChainId } from '../../chains/add-chain-params.ts';
import type { EvmChain } from '../../chains/evm-chains.ts';
import { toHexChainId } from '../../chains/evm-chains.ts';
import { chainSummary } from '../approvals/approval-types.ts';
import { objectParam, positionalParams } from '../params.ts';
import type { MethodHandler, ProviderContext } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';
import { originWarnings } from './access.ts';

/**
 * Make `target` the active chain and tell every page with an open provider port. A connected origin
 * switches directly; any other origin needs the user's approval (the selection is wallet-wide).
 */
export async function switchToChain(origin: string, target: EvmChain, ctx: ProviderContext): Promise<null> {
  const current = await ctx.chains.selected();
  if (current.chainId === target.chainId) return null;
  if (!(await ctx.permissions.isConnected(origin)))
    await ctx.approvals.approve({
      origin,
      chain: chainSummary(current),
      content: { kind: 'switchChain', from: chainSummary(current), to: chainSummary(target) },
      warnings: await originWarnings(origin, ctx),
    });
  if (await ctx.chains.select(target.chainId))
    ctx.events.broadcast('chainChanged', toHexChainId(target.chainId));
  return null;
}

/** EIP-3326 wallet_switchEthereumChain [{ chainId }]: 4902 when the wallet does not know the chain. */
export const switchChainMethods: Record<string, MethodHandler> = {
  wallet_switchEthereumChain: async (req, ctx) => {
    const [p] = positionalParams(req, 1);
    const o = objectParam(req.method, 'the parameter', p);
    const chainId = parseHexChainId(o.chainId);
    if (chainId === null)
      throw providerErrors.invalidParams(
        `${req.method}: chainId must be a 0x-prefixed hex string without leading zeros.`,
      );
    const target = await ctx.chains.get(chainId);
    if (!target) throw providerErrors.unrecognizedChain(String(o.chainId));
    return switchToChain(req.origin, target, ctx);
  },
};
