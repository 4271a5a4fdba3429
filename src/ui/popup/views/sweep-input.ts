/** The sweep screen's pure parts: which asset, the destination check, and one review shape for both. */
import type { EvmSweepQuote } from '../../../messaging/page-messages.ts';
import type { SolanaSweepQuote } from '../../../provider/solana/solana-sweep.ts';

export type SweepAsset = 'evm' | 'solana';

/** Client-side shape check of the destination (the background checks again, and refuses the wallet itself). */
export function sweepDestinationProblem(
  asset: SweepAsset,
  to: string,
  own: string | undefined,
): string | null {
  const t = to.trim();
  if (asset === 'evm' && !/^0x[0-9a-fA-F]{40}$/.test(t))
    return 'The destination must be an 0x address of 40 hex digits.';
  // base58 alphabet, 32–44 characters: the shape of an ed25519 public key
  if (asset === 'solana' && !/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(t))
    return 'The destination must be a Solana address (32–44 base58 characters).';
  const same = asset === 'evm' ? t.toLowerCase() === own?.toLowerCase() : t === own;
  if (same) return "That is this wallet's own address: enter an address of another wallet.";
  return null;
}

/** What the review and the result show, whichever chain. */
export interface SweepSummary {
  amount: string;
  symbol: string;
  fee: string;
  /** EVM: the fee is a bound (gas × max fee); Solana: the exact fee of the message. */
  feeIsBound: boolean;
  network: string;
  from: string;
  to: string;
  /** EVM 1559: the unused part of the bound stays behind as dust. */
  dustMayRemain: boolean;
}

export function evmSweepSummary(q: EvmSweepQuote): SweepSummary {
  return {
    amount: q.amountFormatted,
    symbol: q.fee.symbol,
    fee: q.fee.maxFeeFormatted,
    feeIsBound: true,
    network: `${q.chainName} (chain ${q.chainId})`,
    from: q.from,
    to: q.to,
    dustMayRemain: q.dustMayRemain,
  };
}

export function solanaSweepSummary(q: SolanaSweepQuote): SweepSummary {
  return {
    amount: q.amountSol,
    symbol: 'SOL',
    fee: q.feeSol,
    feeIsBound: false,
    network: q.clusterName,
    from: q.from,
    to: q.to,
    dustMayRemain: false,
  };
}
