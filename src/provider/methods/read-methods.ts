import { positionalParams } from '../params.ts';
import type { MethodHandler } from '../provider-context.ts';
import { requireConnected } from './access.ts';

/** Read-only JSON-RPC methods passed through to the active chain's node, for connected origins only. */
export const READ_METHODS = [
  'eth_blockNumber',
  'eth_getBalance',
  'eth_call',
  'eth_estimateGas',
  'eth_getTransactionReceipt',
  'eth_getTransactionByHash',
  'eth_gasPrice',
  'eth_feeHistory',
  'eth_maxPriorityFeePerGas',
  'eth_getCode',
  'eth_getStorageAt',
  'eth_getTransactionCount',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getLogs',
  'eth_getBlockTransactionCountByNumber',
  'eth_getBlockTransactionCountByHash',
  'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByBlockHashAndIndex',
  'eth_getProof',
  'eth_syncing',
  'web3_clientVersion',
] as const;

const proxy: MethodHandler = async (req, ctx) => {
  const params = positionalParams(req, 0, 8);
  await requireConnected(req.origin, ctx);
  const chain = await ctx.chains.selected();
  return ctx.rpcFor(chain.rpcUrl).request({ method: req.method, params });
};

export const readMethods: Record<string, MethodHandler> = Object.fromEntries(
  READ_METHODS.map((m) => [m, proxy]),
);
