import { parseAddChainParameter } from '../../chains/add-chain-params.ts';
import { toHexChainId } from '../../chains/evm-chains.ts';
import { chainSummary } from '../approvals/approval-types.ts';
import { positionalParams } from '../params.ts';
import type { MethodHandler, ProviderContext } from '../provider-context.ts';
import { ProviderRpcError, providerErrors } from '../provider-errors.ts';
import { originWarnings } from './access.ts';
import { switchToChain } from './switch-chain.ts';

/** The first candidate RPC URL that answers eth_chainId with the claimed chain id. */
async function verifiedRpcUrl(candidates: string[], chainId: number, ctx: ProviderContext): Promise<string> {
  let mismatch: string | null = null;
  for (const url of candidates) {
    let answer: unknown;
    try {
      answer = await ctx.rpcFor(url).request({ method: 'eth_chainId', params: [] });
    } catch {
      continue;
    }
    if (
      typeof answer === 'string' &&
      /^0x[0-9a-fA-F]+$/.test(answer) &&
      Number.parseInt(answer, 16) === chainId
    )
      return url;
    mismatch = String(answer).slice(0, 20);
  }
  if (mismatch !== null)
    throw providerErrors.invalidParams(
      `The RPC endpoint reports chain ${mismatch}, not ${toHexChainId(chainId)}.`,
    );
  throw new ProviderRpcError(-32603, 'None of the given RPC URLs answered eth_chainId.');
}

/**
 * EIP-3085 wallet_addEthereumChain: a known chain is switched to; a new one is checked (https or loopback
 * http; its RPC must report the claimed chain id), shown to the user, stored and selected.
 */
export const addChainMethods: Record<string, MethodHandler> = {
  wallet_addEthereumChain: async (req, ctx) => {
    const [p] = positionalParams(req, 1);
    const parsed = parseAddChainParameter(p);
    if (!parsed.ok) throw providerErrors.invalidParams(`${req.method}: ${parsed.reason}`);
    const known = await ctx.chains.get(parsed.chain.chainId);
    if (known) return switchToChain(req.origin, known, ctx);
    const rpcUrl = await verifiedRpcUrl(parsed.rpcCandidates, parsed.chain.chainId, ctx);
    const chain = { ...parsed.chain, rpcUrl };
    const current = await ctx.chains.selected();
    await ctx.approvals.approve({
      origin: req.origin,
      chain: chainSummary(current),
      content: { kind: 'addChain', chain },
      warnings: await originWarnings(req.origin, ctx),
    });
    await ctx.chains.add(chain);
    if (await ctx.chains.select(chain.chainId))
      ctx.events.broadcast('chainChanged', toHexChainId(chain.chainId));
    return null;
  },
};
