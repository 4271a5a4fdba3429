/**
 * Sweep (SPEC §4.7, "move funds" after a key export, open to any wallet): send the whole native balance of
 * the wallet's EVM address on one chain to another address, in a plain 21 000-gas transfer.
 *
 * The amount is balance − gas × maxFeePerGas, so the node's balance check (value + gas × maxFee) passes
 * exactly. The chain charges gas × (base fee + tip) ≤ that bound; the rest stays with the wallet, so a
 * little dust can remain on EIP-1559 chains. On a legacy chain (gas price) nothing remains.
 *
 * Only externally owned destinations: a contract (or a delegated EOA) may need more than 21 000 gas and
 * may revert, and a revert would burn the fee while the user believes the funds moved.
 */
import { formatUnits, getAddress, type TransactionSerializable } from 'viem';
import type { EvmChain } from '../chains/evm-chains.ts';
import type { EvmSweepQuote, EvmSweepRequest } from '../messaging/page-messages.ts';
import { WalletError } from './errors.ts';
import {
  chainRpc,
  feeEstimate,
  type GasFees,
  gasFees,
  type RpcClientFactory,
  rpcCall,
  signAndBroadcast,
  transferTx,
} from './send.ts';
import type { LoadedWallet, WalletCore } from './wallet-core.ts';

/** The gas of a native transfer to an account without code (no calldata). */
export const SWEEP_GAS = 21_000n;

/**
 * What moves and the most the fee can cost. Refuses (NOTHING_TO_SWEEP) when nothing would be left to
 * move after the fee: a transfer of zero would only burn the fee.
 */
export function sweepAmount(balance: bigint, fees: GasFees): { value: bigint; maxFeeWei: bigint } {
  const perGas = 'gasPrice' in fees ? fees.gasPrice : fees.maxFeePerGas;
  const maxFeeWei = SWEEP_GAS * perGas;
  if (balance <= maxFeeWei) throw new WalletError('NOTHING_TO_SWEEP');
  return { value: balance - maxFeeWei, maxFeeWei };
}

interface SweepPlan {
  chain: EvmChain;
  quote: EvmSweepQuote;
  tx: TransactionSerializable;
  rpc: ReturnType<RpcClientFactory>;
}

async function planSweep(core: WalletCore, w: LoadedWallet, r: EvmSweepRequest): Promise<SweepPlan> {
  const chain = await core.opts.chains?.get(r?.chainId);
  if (!chain) throw new WalletError('INVALID_ARGUMENT', 'chain');
  let to: `0x${string}`;
  try {
    to = getAddress(r.to);
  } catch {
    throw new WalletError('BAD_DESTINATION', 'it is not an EVM address');
  }
  const from = getAddress(w.data.addresses.evm);
  if (to === from) throw new WalletError('BAD_DESTINATION', "it is this wallet's own address");
  const rpc = await chainRpc(core, chain);
  const code = await rpcCall(() => rpc.getCode({ address: to }));
  if (code !== undefined && code !== '0x')
    throw new WalletError('BAD_DESTINATION', 'it is a contract: sweep to a plain account');
  // A transaction still pending would spend from the same balance: the sweep would then fail on chain.
  const [latest, pending] = await Promise.all([
    rpcCall(() => rpc.getTransactionCount({ address: from, blockTag: 'latest' })),
    rpcCall(() => rpc.getTransactionCount({ address: from, blockTag: 'pending' })),
  ]);
  if (latest !== pending) throw new WalletError('BUSY', 'a transaction from this address is still pending');
  const fees = await gasFees(rpc);
  const balance = await rpcCall(() => rpc.getBalance({ address: from }));
  const { value, maxFeeWei } = sweepAmount(balance, fees);
  const { decimals } = chain.nativeCurrency;
  const fee = feeEstimate(chain, SWEEP_GAS, fees, maxFeeWei);
  const quote: EvmSweepQuote = {
    chainId: chain.chainId,
    chainName: chain.name,
    from,
    to,
    balanceWei: balance.toString(),
    amountWei: value.toString(),
    amountFormatted: formatUnits(value, decimals),
    fee,
    dustMayRemain: !('gasPrice' in fees),
  };
  const tx = transferTx({ chainId: chain.chainId, nonce: pending, to, value, gas: SWEEP_GAS }, fees);
  return { chain, quote, tx, rpc };
}

/** What a sweep would move now (read-only; the sweep itself re-reads balance and fees). */
export async function quoteEvmSweep(
  core: WalletCore,
  w: LoadedWallet,
  r: EvmSweepRequest,
): Promise<EvmSweepQuote> {
  return (await planSweep(core, w, r)).quote;
}

/**
 * Build from fresh balance and fees, sign through the wallet's signing path (co-signed, or local after an
 * eject; verified either way), broadcast, and check the node reports the hash of what was signed.
 */
export async function sweepEvm(
  core: WalletCore,
  w: LoadedWallet,
  r: EvmSweepRequest,
): Promise<EvmSweepQuote & { txHash: `0x${string}` }> {
  const p = await planSweep(core, w, r);
  return { ...p.quote, txHash: await signAndBroadcast(core, w, p.tx, p.rpc) };
}
