import { secp256k1 } from '@noble/curves/secp256k1.js';
import { recoverAddress, serializeSignature, toHex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/mpc/common/bytes.ts';
import { MpcError } from '../../../src/mpc/common/errors.ts';
import { decodePoint } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaEjectP1, EcdsaEjectP2 } from '../../../src/mpc/ecdsa/eject.ts';
import { EcdsaKeygenP1, EcdsaKeygenP2 } from '../../../src/mpc/ecdsa/keygen.ts';
import { EcdsaPairCheckP1, EcdsaPairCheckP2 } from '../../../src/mpc/ecdsa/pair-check.ts';
import { type VerifiedPedersenParams, verifyEnclavePedersenParams } from '../../../src/mpc/ecdsa/pedersen.ts';
import { EcdsaP2Precompute } from '../../../src/mpc/ecdsa/precompute.ts';
import {
  EcdsaBackupP1,
  EcdsaBackupP2,
  EcdsaRefreshP1,
  EcdsaRefreshP2,
} from '../../../src/mpc/ecdsa/refresh.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1 } from '../../../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../../../src/mpc/ecdsa/sign-p2.ts';
import {
  dealShares,
  parties,
  runPair,
  testPaillierKey,
  testPedersen,
  testPedersenParams,
} from './helpers.ts';

let s1: EcdsaP1Share;
let s2: EcdsaP2Share;
let clientPedersen: VerifiedPedersenParams;
let address: string;

function sign(p1: EcdsaP1Share, p2: EcdsaP2Share, digest = randomBytes(32), pre?: EcdsaP2Precompute) {
  const pt = parties();
  const res = runPair(
    new EcdsaSignP1({ ...pt, share: p1, digest, pedersen: testPedersen().enclave }),
    new EcdsaSignP2({
      ...pt,
      share: p2,
      digest,
      pedersen: clientPedersen,
      ...(pre ? { precompute: pre } : {}),
    }),
  );
  return { digest, sig: res.p2!, p1sig: res.p1!, bytes: res.bytes };
}

function expectCode(fn: () => unknown, code: string | string[]): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(MpcError);
  expect(Array.isArray(code) ? code : [code]).toContain((err as MpcError).code);
}

beforeAll(() => {
  // The client's one-time check of the enclave's parameters (the g = h^α proof), then reuse.
  const { params, proof } = testPedersenParams();
  clientPedersen = verifyEnclavePedersenParams(params, proof);
  testPedersen();
  const pt = parties();
  const res = runPair(
    new EcdsaKeygenP1({ ...pt, pairId: 'pair-A', paillierKey: testPaillierKey(0) }),
    new EcdsaKeygenP2({ ...pt, pairId: 'pair-A' }),
  );
  s1 = res.p1!;
  s2 = res.p2!;
  address = publicKeyToAddress(toHex(decodePoint(s2.Q, 'Q').toBytes(false)));
}, 300_000);

describe('ecdsa two-party protocol (honest runs)', () => {
  it('keygen gives both parties the same Q and consistent public shares', () => {
    expect(s1.Q).toEqual(s2.Q);
    expect(s1.Q1).toEqual(s2.Q1);
    expect(s1.Q2).toEqual(s2.Q2);
    expect(s1.cKey).toBe(s2.cKey);
  });

  it('signs 100 random digests: noble verifies and viem recovers the wallet address', async () => {
    // The client's tables and randomness pool, as the wallet keeps them between signatures.
    const pre = new EcdsaP2Precompute(s2, clientPedersen);
    for (let i = 0; i < 100; i++) {
      const { digest, sig, p1sig } = sign(s1, s2, randomBytes(32), pre);
      expect(sig.bytes).toEqual(p1sig.bytes);
      expect(secp256k1.verify(sig.bytes, digest, s2.Q, { prehash: false, lowS: true })).toBe(true);
      expect(sig.s <= secp256k1.Point.Fn.ORDER >> 1n).toBe(true);
      const recovered = await recoverAddress({
        hash: toHex(digest),
        signature: serializeSignature({
          r: toHex(sig.r, { size: 32 }),
          s: toHex(sig.s, { size: 32 }),
          yParity: sig.v,
        }),
      });
      expect(recovered).toBe(address);
      pre.fill(1);
    }
  }, 900_000);

  it('refresh keeps Q, the new pair signs, and old and new shares never combine', () => {
    const pt = parties();
    const r1 = new EcdsaRefreshP1({ ...pt, share: s1, newPairId: 'pair-B', paillierKey: testPaillierKey(1) });
    const r2 = new EcdsaRefreshP2({ ...pt, share: s2, newPairId: 'pair-B' });
    const res = runPair(r1, r2);
    // §5.3.11: ρ is erased from both sessions once they finish
    expect((r1 as unknown as { rho1: bigint }).rho1).toBe(0n);
    expect((r2 as unknown as { rho2: bigint }).rho2).toBe(0n);
    const n1 = res.p1!;
    const n2 = res.p2!;
    expect(n1.Q).toEqual(s1.Q);
    expect(n2.Q).toEqual(s2.Q);
    expect(n1.Q1).not.toEqual(s1.Q1);
    expect(n2.x2).not.toBe(s2.x2);
    expect(n2.N).not.toBe(s2.N);
    // x1' = x1 + ρ as an integer (not reduced), matching the plaintext of the new c_key
    const grew = n1.x1 - s1.x1;
    expect(grew >= 0n && grew < secp256k1.Point.Fn.ORDER).toBe(true);
    const { digest, sig } = sign(n1, n2);
    expect(secp256k1.verify(sig.bytes, digest, s2.Q, { prehash: false })).toBe(true);
    // Under a different Paillier key c3 may not even be a ciphertext of the enclave's key.
    expectCode(() => sign(n1, s2), ['BAD_PROOF', 'BAD_CIPHERTEXT']);
    expectCode(() => sign(s1, n2), ['BAD_PROOF', 'BAD_CIPHERTEXT']);
    // x1 is now an unreduced integer (x1 + ρ); eject from the refreshed pair still gives the wallet's key
    const pe = parties();
    const ej = runPair(new EcdsaEjectP1({ ...pe, share: n1 }), new EcdsaEjectP2({ ...pe, share: n2 }));
    expect(secp256k1.getPublicKey(ej.p2!.privateKey, true)).toEqual(s2.Q);
  });

  it('a backup pair keeps the old pair usable and signs itself', () => {
    const pt = parties();
    const res = runPair(
      new EcdsaBackupP1({ ...pt, share: s1, newPairId: 'pair-backup', paillierKey: testPaillierKey(1) }),
      new EcdsaBackupP2({ ...pt, share: s2, newPairId: 'pair-backup' }),
    );
    const b1 = res.p1!;
    const b2 = res.p2!;
    expect(b2.Q).toEqual(s2.Q);
    for (const [p1, p2] of [
      [s1, s2],
      [b1, b2],
    ] as const) {
      const { digest, sig } = sign(p1, p2);
      expect(secp256k1.verify(sig.bytes, digest, s2.Q, { prehash: false })).toBe(true);
    }
    // a refresh frame is never accepted by a backup session
    const pr = parties();
    const refresh = new EcdsaRefreshP1({ ...pr, share: s1, newPairId: 'x', paillierKey: testPaillierKey(2) });
    const backup = new EcdsaBackupP2({ ...pr, share: s2, newPairId: 'x' });
    backup.start();
    expectCode(() => backup.receive(refresh.start().out[0]!), 'UNEXPECTED_MESSAGE');
  });

  it("a share of one pair never combines with another pair's share", () => {
    const other = dealShares('pair-other');
    expectCode(() => sign(s1, other.p2), 'BAD_PROOF');
    expectCode(() => sign(other.p1, s2), 'BAD_PROOF');
    const pe = parties();
    expectCode(
      () => runPair(new EcdsaEjectP1({ ...pe, share: s1 }), new EcdsaEjectP2({ ...pe, share: other.p2 })),
      'BAD_PROOF',
    );
    const pc = parties();
    expectCode(
      () =>
        runPair(new EcdsaPairCheckP1({ ...pc, share: s1 }), new EcdsaPairCheckP2({ ...pc, share: other.p2 })),
      'PUBLIC_KEY_MISMATCH',
    );
  });

  it('eject reconstructs the private key of Q', () => {
    const pt = parties();
    const res = runPair(new EcdsaEjectP1({ ...pt, share: s1 }), new EcdsaEjectP2({ ...pt, share: s2 }));
    expect(res.p1).toEqual({ released: true });
    const sk = res.p2!.privateKey;
    expect(secp256k1.getPublicKey(sk, true)).toEqual(s2.Q);
    const digest = randomBytes(32);
    const sig = secp256k1.sign(digest, sk, { prehash: false });
    expect(secp256k1.verify(sig, digest, s1.Q, { prehash: false })).toBe(true);
  });

  it('pair check passes for a matching pair', () => {
    const pt = parties();
    const res = runPair(
      new EcdsaPairCheckP1({ ...pt, share: s1 }),
      new EcdsaPairCheckP2({ ...pt, share: s2 }),
    );
    expect(res.p1).toEqual({ ok: true });
    expect(res.p2).toEqual({ ok: true });
  });
});
