/**
 * The steps a SOL transfer from the wallet shares, whether the popup sends an amount or sweeps the balance:
 * an RPC call, the System transfer message, and the wallet's signature checked by kit. Refusals come out as
 * the caller's own error type (its codes RPC_ERROR and SIGNING_FAILED), so each page API keeps its errors.
 */
import {
  type Address,
  appendTransactionMessageInstructions,
  type Blockhash,
  compileTransaction,
  createNoopSigner,
  createTransactionMessage,
  getTransactionEncoder,
  lamports,
  pipe,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  type Transaction,
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import type { SolanaContext } from './solana-context.ts';
import {
  type Ed25519Signer,
  type SignedSolanaTransaction,
  SolanaSigningError,
  signSolanaTransaction,
} from './solana-signing.ts';

/** Makes the caller's error for one of the shared refusals. */
export type TransferFailure = (code: 'RPC_ERROR' | 'SIGNING_FAILED', message: string) => Error;

export async function solanaRpcCall<T>(
  sol: SolanaContext,
  url: string,
  method: string,
  params: unknown[],
  fail: TransferFailure,
): Promise<T> {
  try {
    return (await sol.rpcFor(url).request({ method, params })) as T;
  } catch (e) {
    const m = e instanceof Error ? e.message : 'unreachable';
    throw fail('RPC_ERROR', `The Solana RPC refused ${method}: ${m}`);
  }
}

/** One System transfer of `amount` lamports, paid by `from`, valid until `lastValidBlockHeight`. */
export function solTransfer(
  from: Address,
  to: Address,
  amount: bigint,
  blockhash: Blockhash,
  lastValidBlockHeight: bigint,
): Transaction {
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayer(from, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash({ blockhash, lastValidBlockHeight }, m),
    (m) =>
      appendTransactionMessageInstructions(
        [
          getTransferSolInstruction({
            source: createNoopSigner(from),
            destination: to,
            amount: lamports(amount),
          }),
        ],
        m,
      ),
  );
  return compileTransaction(message);
}

/** The wallet signs the transfer as `from`; kit verifies the signature before it is used. */
export async function signSolTransfer(
  tx: Transaction,
  from: Address,
  sign: Ed25519Signer,
  fail: TransferFailure,
): Promise<SignedSolanaTransaction> {
  const wire = new Uint8Array(getTransactionEncoder().encode(tx));
  try {
    return await signSolanaTransaction(wire, from, sign);
  } catch (e) {
    if (e instanceof SolanaSigningError) throw fail('SIGNING_FAILED', 'The signature did not verify.');
    // The wallet's own errors carry fixed, secret-free messages (locked, enclave unreachable, …).
    throw fail('SIGNING_FAILED', e instanceof Error ? e.message : 'Signing failed.');
  }
}
