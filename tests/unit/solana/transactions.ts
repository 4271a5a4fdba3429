/** Test-only transaction builders (kit + System / Token program clients). */

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
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { getTransferCheckedInstruction } from '@solana-program/token';

export function transferWire(opts: {
  from: Address;
  to: Address;
  lamports: bigint;
  blockhash: string;
  version: 'legacy' | 0;
  tokenTransfer?: { source: Address; mint: Address; destination: Address; amount: bigint; decimals: number };
}): Uint8Array {
  const source = createNoopSigner(opts.from);
  const ixs = [getTransferSolInstruction({ source, destination: opts.to, amount: lamports(opts.lamports) })];
  const t = opts.tokenTransfer;
  const all = t
    ? [
        ...ixs,
        getTransferCheckedInstruction({
          source: t.source,
          mint: t.mint,
          destination: t.destination,
          authority: source,
          amount: t.amount,
          decimals: t.decimals,
        }),
      ]
    : ixs;
  const message = pipe(
    createTransactionMessage({ version: opts.version }),
    (m) => setTransactionMessageFeePayer(opts.from, m),
    (m) =>
      setTransactionMessageLifetimeUsingBlockhash(
        { blockhash: opts.blockhash as Blockhash, lastValidBlockHeight: 1_000_000n },
        m,
      ),
    (m) => appendTransactionMessageInstructions(all, m),
  );
  return new Uint8Array(getTransactionEncoder().encode(compileTransaction(message)));
}
