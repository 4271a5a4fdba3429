/**
 * sendAssets (SPEC §4.3): build a native transfer on the chosen chain with viem, co-sign it, broadcast it
 * through the chain's RPC, and return the transaction hash. Fees: EIP-1559 where the chain supports it,
 * legacy gas price otherwise.
 */
import { formatUnits, getAddress, keccak256, parseUnits, type TransactionSerializable } from 'viem';
import type { EvmChain } from '../chains/evm-chains.ts';
import { createPublicClient, type EvmPublicClient, http } from '../chains/evm-public-client.ts';
import type { FeeEstimate, NativeTransfer } from '../messaging/page-messages.ts';
import { WalletError } from './errors.ts';
import { signWith } from './signing.ts';
import type { LoadedWallet, WalletCore } from './wallet-core.ts';

/** The chain calls sendAssets makes, for the RPC URL of the chosen chain. */
export type RpcClientFactory = (rpcUrl: string) => EvmPublicClient;

export const viemRpc: RpcClientFactory = (rpcUrl) =>
  createPublicClient({ transport: http(rpcUrl, { retryCount: 1, timeout: 15_000 }) });

interface Plan {
  chain: EvmChain;
  to: `0x${string}`;
  value: bigint;
  gas: bigint;
  fee: FeeEstimate;
  rpc: ReturnType<RpcClientFactory>;
  fees: GasFees;
}

/** A chain call whose failure leaves as a WalletError (INSUFFICIENT_FUNDS when the node says so). */
export async function rpcCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof WalletError) throw e;
    const text = e instanceof Error ? e.message : '';
    if (/insufficient funds/i.test(text)) throw new WalletError('INSUFFICIENT_FUNDS');
    throw new WalletError('RPC_ERROR');
  }
}

/** EIP-1559 fees where the chain supports them, its legacy gas price otherwise. */
export type GasFees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };

/** The chain's RPC, once it says it serves that chain. */
export async function chainRpc(core: WalletCore, chain: EvmChain): Promise<EvmPublicClient> {
  const rpc = (core.opts.rpc ?? viemRpc)(chain.rpcUrl);
  const remoteId = await rpcCall(() => rpc.getChainId());
  if (remoteId !== chain.chainId) throw new WalletError('RPC_ERROR', 'the RPC serves another chain');
  return rpc;
}

export async function gasFees(rpc: EvmPublicClient): Promise<GasFees> {
  try {
    const f = await rpc.estimateFeesPerGas();
    return { maxFeePerGas: f.maxFeePerGas, maxPriorityFeePerGas: f.maxPriorityFeePerGas };
  } catch {
    return { gasPrice: await rpcCall(() => rpc.getGasPrice()) };
  }
}

/** What the review shows of the fee: the gas, the fee fields, and the most it can cost. */
export function feeEstimate(chain: EvmChain, gas: bigint, fees: GasFees, maxFeeWei: bigint): FeeEstimate {
  return {
    chainId: chain.chainId,
    gas: gas.toString(),
    ...('gasPrice' in fees
      ? { gasPrice: fees.gasPrice.toString() }
      : {
          maxFeePerGas: fees.maxFeePerGas.toString(),
          maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
        }),
    maxFeeWei: maxFeeWei.toString(),
    maxFeeFormatted: formatUnits(maxFeeWei, chain.nativeCurrency.decimals),
    symbol: chain.nativeCurrency.symbol,
  };
}

/** A native transfer with the fee fields of its type (legacy for a gas price, EIP-1559 otherwise). */
export function transferTx(
  base: { chainId: number; nonce: number; to: `0x${string}`; value: bigint; gas: bigint },
  fees: GasFees,
): TransactionSerializable {
  return 'gasPrice' in fees
    ? { ...base, type: 'legacy', gasPrice: fees.gasPrice }
    : { ...base, type: 'eip1559', ...fees };
}

/** Sign through the wallet's signing path, broadcast, and check the node names the hash of what was signed. */
export async function signAndBroadcast(
  core: WalletCore,
  w: LoadedWallet,
  tx: TransactionSerializable,
  rpc: EvmPublicClient,
): Promise<`0x${string}`> {
  const signed = await signWith(core, w, { kind: 'transaction', tx });
  const txHash = await rpcCall(() => rpc.sendRawTransaction({ serializedTransaction: signed }));
  if (txHash.toLowerCase() !== keccak256(signed).toLowerCase())
    throw new WalletError('RPC_ERROR', 'unexpected transaction hash');
  return txHash;
}

async function plan(core: WalletCore, w: LoadedWallet, t: NativeTransfer): Promise<Plan> {
  const chain = await core.opts.chains?.get(t?.chainId);
  if (!chain) throw new WalletError('INVALID_ARGUMENT', 'chain');
  let to: `0x${string}`;
  let value: bigint;
  try {
    to = getAddress(t.to);
    value = parseUnits(t.amount, chain.nativeCurrency.decimals);
  } catch {
    throw new WalletError('INVALID_ARGUMENT', 'recipient or amount');
  }
  if (value <= 0n) throw new WalletError('INVALID_ARGUMENT', 'amount');
  const rpc = await chainRpc(core, chain);
  const from = w.data.addresses.evm as `0x${string}`;
  const gas = await rpcCall(() => rpc.estimateGas({ account: from, to, value }));
  const fees = await gasFees(rpc);
  const perGas = 'gasPrice' in fees ? fees.gasPrice : fees.maxFeePerGas;
  const maxFeeWei = gas * perGas;
  const fee = feeEstimate(chain, gas, fees, maxFeeWei);
  return { chain, to, value, gas, fee, rpc, fees };
}

export async function estimateSend(
  core: WalletCore,
  w: LoadedWallet,
  t: NativeTransfer,
): Promise<FeeEstimate> {
  return (await plan(core, w, t)).fee;
}

export async function sendAssets(
  core: WalletCore,
  w: LoadedWallet,
  t: NativeTransfer,
): Promise<{ txHash: `0x${string}`; fee: FeeEstimate }> {
  const p = await plan(core, w, t);
  const from = w.data.addresses.evm as `0x${string}`;
  const balance = await rpcCall(() => p.rpc.getBalance({ address: from }));
  if (balance < p.value + BigInt(p.fee.maxFeeWei)) throw new WalletError('INSUFFICIENT_FUNDS');
  const nonce = await rpcCall(() => p.rpc.getTransactionCount({ address: from, blockTag: 'pending' }));
  const tx = transferTx({ chainId: p.chain.chainId, nonce, to: p.to, value: p.value, gas: p.gas }, p.fees);
  return { txHash: await signAndBroadcast(core, w, tx, p.rpc), fee: p.fee };
}
