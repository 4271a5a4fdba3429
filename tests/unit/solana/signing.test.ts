import {
  address,
  generateKeyPairSigner,
  getBase58Decoder,
  getPublicKeyFromAddress,
  getTransactionDecoder,
  type SignatureBytes,
  verifySignature,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import {
  SolanaSigningError,
  signSolanaTransaction,
  verifySolanaSignature,
} from '../../../src/provider/solana/solana-signing.ts';
import { frostSolanaSigner } from './frost-signer.ts';
import { transferWire } from './transactions.ts';

const BLOCKHASH = getBase58Decoder().decode(new Uint8Array(32).fill(7));

describe('Solana signing through the FROST pair', () => {
  const signer = frostSolanaSigner();

  it('a co-signed message verifies with kit verifySignature (WebCrypto Ed25519)', async () => {
    const msg = new TextEncoder().encode('Sign in to example.com');
    const sig = await signer.sign(msg);
    const key = await getPublicKeyFromAddress(signer.address);
    expect(await verifySignature(key, sig as SignatureBytes, msg)).toBe(true);
    const other = new TextEncoder().encode('Sign in to evil.example');
    expect(await verifySignature(key, sig as SignatureBytes, other)).toBe(false);
  });

  for (const version of ['legacy', 0] as const) {
    it(`signs a ${version} transaction: the signature slot verifies over the message bytes`, async () => {
      const to = (await generateKeyPairSigner()).address;
      const wire = transferWire({ from: signer.address, to, lamports: 5n, blockhash: BLOCKHASH, version });
      const out = await signSolanaTransaction(wire, signer.address, signer.sign);
      const tx = getTransactionDecoder().decode(out.wire);
      const sig = tx.signatures[signer.address];
      expect(sig).toBeInstanceOf(Uint8Array);
      const key = await getPublicKeyFromAddress(signer.address);
      expect(await verifySignature(key, sig!, tx.messageBytes)).toBe(true);
      // The message is unchanged: only the signature slot was filled.
      expect(tx.messageBytes).toEqual(getTransactionDecoder().decode(wire).messageBytes);
      expect(out.view.version).toBe(version === 'legacy' ? 'legacy' : '0');
      expect(out.view.feePayer).toBe(signer.address);
    });
  }

  it('refuses a transaction the wallet is not a signer of (nothing is signed)', async () => {
    const payer = (await generateKeyPairSigner()).address;
    const wire = transferWire({
      from: payer,
      to: signer.address,
      lamports: 5n,
      blockhash: BLOCKHASH,
      version: 0,
    });
    const before = signer.signed.length;
    await expect(signSolanaTransaction(wire, signer.address, signer.sign)).rejects.toMatchObject({
      code: 'NOT_A_SIGNER',
    });
    expect(signer.signed.length).toBe(before);
  });

  it('a signer that returns a wrong signature is caught before anything is returned', async () => {
    const to = (await generateKeyPairSigner()).address;
    const wire = transferWire({ from: signer.address, to, lamports: 5n, blockhash: BLOCKHASH, version: 0 });
    const bad = async (m: Uint8Array) => {
      const s = await signer.sign(m);
      s[5] = (s[5] ?? 0) ^ 1;
      return s;
    };
    const err = await signSolanaTransaction(wire, signer.address, bad).catch((e) => e);
    expect(err).toBeInstanceOf(SolanaSigningError);
    expect(err.code).toBe('BAD_SIGNATURE');
    await expect(
      verifySolanaSignature(
        address('11111111111111111111111111111111'),
        new Uint8Array(64),
        new Uint8Array(1),
      ),
    ).rejects.toThrow(SolanaSigningError);
  });
});
