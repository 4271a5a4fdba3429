import { generateKeyPairSigner, getTransactionDecoder, lamports } from '@solana/kit';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';
import { describe, expect, it } from 'vitest';
import { signSolanaTransaction } from '../../../src/provider/solana/solana-signing.ts';
import { frostSolanaSigner } from './frost-signer.ts';
import { transferWire } from './transactions.ts';

// litesvm: the Solana runtime in-process (its native binary ships in the npm package).
describe('a co-signed SOL transfer executes in litesvm', () => {
  for (const version of ['legacy', 0] as const) {
    it(`${version}: balances move by the amount and the fee`, async () => {
      const svm = new LiteSVM();
      const signer = frostSolanaSigner();
      const to = (await generateKeyPairSigner()).address;
      svm.airdrop(signer.address, lamports(2_000_000_000n));
      const amount = 123_456_789n;
      const wire = transferWire({
        from: signer.address,
        to,
        lamports: amount,
        blockhash: svm.latestBlockhash(),
        version,
      });
      const signed = await signSolanaTransaction(wire, signer.address, signer.sign);
      const res = svm.sendTransaction(getTransactionDecoder().decode(signed.wire));
      expect(res).not.toBeInstanceOf(FailedTransactionMetadata);
      expect(svm.getBalance(to)).toBe(amount);
      // One signature: the base fee of 5000 lamports.
      expect(svm.getBalance(signer.address)).toBe(2_000_000_000n - amount - 5000n);
    });
  }

  it('an unsigned (or tampered) transfer is refused by the runtime and moves nothing', async () => {
    const svm = new LiteSVM();
    const signer = frostSolanaSigner();
    const to = (await generateKeyPairSigner()).address;
    svm.airdrop(signer.address, lamports(2_000_000_000n));
    const wire = transferWire({
      from: signer.address,
      to,
      lamports: 1000n,
      blockhash: svm.latestBlockhash(),
      version: 0,
    });
    const signed = await signSolanaTransaction(wire, signer.address, signer.sign);
    const tx = getTransactionDecoder().decode(signed.wire);
    const sig = new Uint8Array(tx.signatures[signer.address]!);
    sig[0] = (sig[0] ?? 0) ^ 1;
    const res = svm.sendTransaction({ ...tx, signatures: { [signer.address]: sig } } as typeof tx);
    expect(res).toBeInstanceOf(FailedTransactionMetadata);
    expect(svm.getBalance(to) ?? 0n).toBe(0n);
    expect(svm.getBalance(signer.address)).toBe(2_000_000_000n);
  });
});
