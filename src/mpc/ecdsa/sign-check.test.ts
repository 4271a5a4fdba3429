import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { bigintToFixedBytes, randomBytes } from '../common/bytes.ts';
import { digestToScalar, G, invQ, modQ, Point, q, randomScalar } from './curve.ts';
import { verifiesWithRecovery } from './sign-check.ts';

/** The reference: noble's verify (low-s) and its public-key recovery with v. */
function nobleAccepts(r: bigint, s: bigint, v: number, digest: Uint8Array, Q: InstanceType<typeof Point>) {
  try {
    const bytes = new Uint8Array([...bigintToFixedBytes(r, 32), ...bigintToFixedBytes(s, 32)]);
    if (!secp256k1.verify(bytes, digest, Q.toBytes(true), { prehash: false, lowS: true })) return false;
    return new secp256k1.Signature(r, s, v).recoverPublicKey(digest).equals(Q);
  } catch {
    return false;
  }
}

function both(r: bigint, s: bigint, v: number, digest: Uint8Array, Q: InstanceType<typeof Point>) {
  return [verifiesWithRecovery(r, s, v, digestToScalar(digest), Q), nobleAccepts(r, s, v, digest, Q)];
}

describe('verifiesWithRecovery (final co-signature check)', () => {
  it('agrees with noble verify + recoverPublicKey on honest and tampered signatures', () => {
    for (let i = 0; i < 24; i++) {
      const d = randomScalar();
      const Q = G.multiply(d);
      const digest = i === 0 ? new Uint8Array(32) : randomBytes(32); // i = 0: m = 0
      const sig = secp256k1.Signature.fromBytes(
        secp256k1.sign(digest, bigintToFixedBytes(d, 32), { prehash: false, format: 'recovered' }),
        'recovered',
      );
      const { r, s, recovery } = sig as { r: bigint; s: bigint; recovery: number };
      expect(both(r, s, recovery, digest, Q)).toEqual([true, true]);
      // Each tampering is refused by both.
      const cases: [bigint, bigint, number, Uint8Array, InstanceType<typeof Point>][] = [
        [r, s, recovery ^ 1, digest, Q],
        [r, s, recovery | 2, digest, Q],
        [r, q - s, recovery ^ 1, digest, Q], // the high-s twin
        [r, s, recovery, randomBytes(32), Q],
        [r, s, recovery, digest, Q.add(G)],
        [modQ(r + 1n), s, recovery, digest, Q],
        [r, s + 1n, recovery, digest, Q],
      ];
      for (const c of cases) expect(both(...c)).toEqual([false, false]);
    }
  });

  it('refuses out-of-range r, s and recovery ids', () => {
    const Q = G.multiply(randomScalar());
    const m = randomScalar();
    for (const [r, s, v] of [
      [0n, 1n, 0],
      [1n, 0n, 0],
      [q, 1n, 0],
      [1n, q, 0],
      [1n, (q >> 1n) + 1n, 0],
      [1n, 1n, 4],
      [1n, 1n, -1],
      [1n, 1n, 0.5],
    ] as const)
      expect(verifiesWithRecovery(r, s, v, m, Q)).toBe(false);
  });

  it('handles recovery ids 2 and 3 (R.x ≥ q) as noble does', () => {
    // A point with x ≥ q, and the key Q = r⁻¹(s·R − m·G) for which (r = x − q, s) signs m with nonce point R.
    let x = q + 1n;
    let R: InstanceType<typeof Point> | undefined;
    while (!R) {
      try {
        R = Point.fromHex(`02${x.toString(16).padStart(64, '0')}`);
      } catch {
        x++;
      }
    }
    const r = x - q;
    const s = (q >> 2n) + 12345n;
    const digest = randomBytes(32);
    const m = digestToScalar(digest);
    const Q = R.multiply(s).subtract(G.multiply(m)).multiply(invQ(r));
    const v = 2 | Number(R.y & 1n);
    expect(both(r, s, v, digest, Q)).toEqual([true, true]);
    expect(both(r, s, v ^ 2, digest, Q)).toEqual([false, false]);
    expect(both(r, s, v ^ 1, digest, Q)).toEqual([false, false]);
  });
});
