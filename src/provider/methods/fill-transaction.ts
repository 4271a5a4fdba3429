import type {
  Hex,
  TransactionSerializable,
  TransactionSerializableEIP1559,
  TransactionSerializableLegacy,
} from 'viem';
import { createPublicClient, custom } from '../../chains/evm-public-client.ts';
import type { JsonRpcClient } from '../json-rpc-client.ts';
import { ProviderRpcError } from '../provider-errors.ts';
import type { TransactionRequest } from './transaction-request.ts';

/**
 * Complete a dApp's transaction from the chain (a public client on the chain's RPC): pending nonce, gas
 * estimate, and fees (EIP-1559 from the latest base fee, or gasPrice on chains without one). Given fields
 * are kept as the dApp sent them.
 */
export async function fillTransaction(
  req: Omit<TransactionRequest, 'from'> & { from: Hex },
  chainId: number,
  rpc: JsonRpcClient,
): Promise<TransactionSerializable> {
  try {
    return await fill(req, chainId, rpc);
  } catch (e) {
    throw nodeError(e);
  }
}

/** viem wraps the node's error (e.g. a revert in eth_estimateGas): hand the page the node's own error. */
function nodeError(e: unknown): unknown {
  for (let c: unknown = e, depth = 0; c && depth < 8; c = (c as { cause?: unknown }).cause, depth++)
    if (c instanceof ProviderRpcError) return c;
  return e;
}

async function fill(
  req: Omit<TransactionRequest, 'from'> & { from: Hex },
  chainId: number,
  rpc: JsonRpcClient,
): Promise<TransactionSerializable> {
  const client = createPublicClient({ transport: custom(rpc, { retryCount: 0 }) });
  const [nonce, gas] = await Promise.all([
    req.nonce ?? client.getTransactionCount({ address: req.from, blockTag: 'pending' }),
    req.gas ??
      client.estimateGas({
        account: req.from,
        ...(req.to ? { to: req.to } : {}),
        value: req.value,
        ...(req.data ? { data: req.data } : {}),
      }),
  ]);
  const base = {
    chainId,
    nonce,
    gas,
    value: req.value,
    ...(req.to ? { to: req.to } : {}),
    ...(req.data ? { data: req.data } : {}),
  };
  if (req.type === 'legacy') {
    const gasPrice = req.gasPrice ?? (await client.getGasPrice());
    return { ...base, type: 'legacy', gasPrice } satisfies TransactionSerializableLegacy;
  }
  if (req.maxFeePerGas !== undefined && req.maxPriorityFeePerGas !== undefined)
    return {
      ...base,
      type: 'eip1559',
      maxFeePerGas: req.maxFeePerGas,
      maxPriorityFeePerGas: req.maxPriorityFeePerGas,
    } satisfies TransactionSerializableEIP1559;
  const fees = await client.estimateFeesPerGas({ type: 'eip1559', chain: null });
  const maxPriorityFeePerGas = req.maxPriorityFeePerGas ?? fees.maxPriorityFeePerGas;
  let maxFeePerGas = req.maxFeePerGas ?? fees.maxFeePerGas;
  if (maxFeePerGas < maxPriorityFeePerGas) maxFeePerGas = maxPriorityFeePerGas;
  return {
    ...base,
    type: 'eip1559',
    maxFeePerGas,
    maxPriorityFeePerGas,
  } satisfies TransactionSerializableEIP1559;
}

export const toHexQuantity = (v: bigint | number): Hex => `0x${v.toString(16)}`;
