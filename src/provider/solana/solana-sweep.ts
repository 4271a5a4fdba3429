/**
 * Sweep SOL (SPEC §4.7: after an eject the ed25519 key is a raw scalar that seed-based Solana wallets
 * cannot import, so the wallet offers to move the funds instead; open to any wallet). One System transfer
 * of balance − fee from the wallet's address to `to` on the selected cluster, where the fee is the RPC's
 * own getFeeForMessage for exactly that message. The wallet's account ends at zero lamports (the runtime
 * then closes it), which Solana's rent rules allow.
 */
import { type Address, type Blockhash, getBase58Decoder, isAddress, type Transaction } from '@solana/kit';
import type { SolanaCluster, SolanaClusterInfo } from '../../chains/solana/solana-clusters.ts';
import type { ProviderWallet } from '../provider-wallet.ts';
import { toBase64 } from './methods/solana-access.ts';
import type { SolanaContext } from './solana-context.ts';
import { formatUnits } from './solana-transaction-view.ts';
import { signSolTransfer, solanaRpcCall, solTransfer } from './solana-transfer.ts';

/** What a sweep moves (lamports as decimal strings; `*Sol` the same amounts in SOL, exact). */
export interface SolanaSweepQuote {
  cluster: SolanaCluster;
  clusterName: string;
  from: string;
  to: string;
  balanceLamports: string;
  amountLamports: string;
  amountSol: string;
  feeLamports: string;
  feeSol: string;
}

export type SolanaSweepErrorCode =
  | 'LOCKED'
  | 'NO_WALLET'
  | 'BAD_DESTINATION'
  | 'NOTHING_TO_SWEEP'
  | 'RPC_ERROR'
  | 'SIGNING_FAILED';

/** A refusal with a stable code and a message for the user (no key material, only amounts and names). */
export class SolanaSweepError extends Error {
  override readonly name = 'SolanaSweepError';
  constructor(
    readonly code: SolanaSweepErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SolanaSweepDeps {
  solana: SolanaContext;
  wallet: ProviderWallet;
}

/**
 * Pure arithmetic: balance − fee. The runtime takes the fee from the paying account first, and that
 * account must then hold zero or at least its rent-exempt minimum; what it holds then is exactly the
 * amount swept. So an amount below that minimum is refused here instead of failing on chain (it also
 * covers a new destination, which must receive at least the same minimum).
 */
export function solanaSweepAmount(a: { balance: bigint; fee: bigint; rentExemptMinimum: bigint }): bigint {
  const amount = a.balance - a.fee;
  if (amount <= 0n)
    throw new SolanaSweepError(
      'NOTHING_TO_SWEEP',
      `Nothing to sweep: the balance (${formatUnits(a.balance, 9)} SOL) does not cover the network fee (${formatUnits(a.fee, 9)} SOL).`,
    );
  if (amount < a.rentExemptMinimum)
    throw new SolanaSweepError(
      'NOTHING_TO_SWEEP',
      `After the network fee only ${formatUnits(amount, 9)} SOL would move, below Solana's rent-exempt minimum of ${formatUnits(a.rentExemptMinimum, 9)} SOL: the network refuses such a transfer.`,
    );
  return amount;
}

const fail = (code: 'RPC_ERROR' | 'SIGNING_FAILED', message: string) => new SolanaSweepError(code, message);

const rpcCall = <T>(sol: SolanaContext, url: string, method: string, params: unknown[]): Promise<T> =>
  solanaRpcCall<T>(sol, url, method, params, fail);

function lamportsOf(v: unknown, what: string): bigint {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new SolanaSweepError('RPC_ERROR', `The Solana RPC gave no ${what}.`);
  return BigInt(v);
}

interface SweepPlan {
  quote: SolanaSweepQuote;
  cluster: SolanaClusterInfo;
  from: Address;
  tx: Transaction;
}

async function planSweep({ solana, wallet }: SolanaSweepDeps, toArg: unknown): Promise<SweepPlan> {
  if (typeof toArg !== 'string' || !isAddress(toArg))
    throw new SolanaSweepError('BAD_DESTINATION', 'The destination is not a Solana address.');
  const from = (wallet.solanaAddress ? await wallet.solanaAddress() : null) as Address | null;
  if (!from) throw new SolanaSweepError('NO_WALLET', 'Create or unlock a wallet first.');
  const to = toArg as Address;
  if (to === from)
    throw new SolanaSweepError('BAD_DESTINATION', "The destination is this wallet's own address.");
  const cluster = await solana.clusters.selected();
  const call = <T>(method: string, params: unknown[]) => rpcCall<T>(solana, cluster.rpcUrl, method, params);
  const confirmed = { commitment: 'confirmed' };
  const [own, rent, latest] = await Promise.all([
    call<{ value?: unknown }>('getBalance', [from, confirmed]),
    call<unknown>('getMinimumBalanceForRentExemption', [0, confirmed]),
    call<{ value?: { blockhash?: unknown; lastValidBlockHeight?: unknown } }>('getLatestBlockhash', [
      confirmed,
    ]),
  ]);
  const balance = lamportsOf(own?.value, 'balance');
  const rentExemptMinimum = lamportsOf(rent, 'rent-exempt minimum');
  const blockhash = latest?.value?.blockhash;
  if (typeof blockhash !== 'string')
    throw new SolanaSweepError('RPC_ERROR', 'The Solana RPC gave no blockhash.');
  const height = BigInt(Number(latest.value?.lastValidBlockHeight ?? 0));
  const feeOf = async (tx: Transaction) => {
    const r = await call<{ value?: unknown }>('getFeeForMessage', [
      toBase64(new Uint8Array(tx.messageBytes)),
      confirmed,
    ]);
    // null: the blockhash expired between the two calls.
    return lamportsOf(r?.value, 'fee for the transfer (try again)');
  };
  // The fee depends on the message's signatures and instructions, not on the amount; it is asked for the
  // final message again, so the amount is balance − the fee of exactly what is signed.
  const fee = await feeOf(solTransfer(from, to, balance, blockhash as Blockhash, height));
  const amount = solanaSweepAmount({ balance, fee, rentExemptMinimum });
  const tx = solTransfer(from, to, amount, blockhash as Blockhash, height);
  if ((await feeOf(tx)) !== fee)
    throw new SolanaSweepError('RPC_ERROR', 'The network fee changed while preparing the sweep: try again.');
  return {
    cluster,
    from,
    tx,
    quote: {
      cluster: cluster.cluster,
      clusterName: cluster.name,
      from,
      to,
      balanceLamports: balance.toString(),
      amountLamports: amount.toString(),
      amountSol: formatUnits(amount, 9),
      feeLamports: fee.toString(),
      feeSol: formatUnits(fee, 9),
    },
  };
}

/** What a sweep would move now (read-only; the sweep re-reads everything). */
export async function quoteSolanaSweep(deps: SolanaSweepDeps, to: unknown): Promise<SolanaSweepQuote> {
  return (await planSweep(deps, to)).quote;
}

/** Build from fresh reads, sign with the wallet (co-signed, or local after eject), verify, send. */
export async function sweepSolana(
  deps: SolanaSweepDeps,
  to: unknown,
): Promise<SolanaSweepQuote & { signature: string }> {
  const sign = deps.wallet.signEd25519;
  if (!sign) throw new SolanaSweepError('NO_WALLET', 'This wallet cannot sign Solana transactions.');
  if (!(await deps.wallet.isUnlocked())) throw new SolanaSweepError('LOCKED', 'Unlock the wallet first.');
  const p = await planSweep(deps, to);
  const signed = await signSolTransfer(p.tx, p.from, sign, fail);
  const signature = await rpcCall<unknown>(deps.solana, p.cluster.rpcUrl, 'sendTransaction', [
    toBase64(signed.wire),
    { encoding: 'base64' },
  ]);
  // A transaction's id is its fee payer's signature: ours, as signed and verified above.
  if (signature !== getBase58Decoder().decode(signed.signature))
    throw new SolanaSweepError('RPC_ERROR', 'The Solana RPC answered with another transaction signature.');
  return { ...p.quote, signature };
}
