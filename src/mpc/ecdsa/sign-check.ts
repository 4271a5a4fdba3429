import { G, invQ, type Point, q } from './curve.ts';

/**
 * The final co-signature check of both parties: (r, s, v) is a low-s ECDSA signature of m under Q AND v is
 * its recovery id. Accepted iff 0 < r, s < q, s ≤ q/2, v ∈ {0, 1, 2, 3} and R' = (m/s)·G + (r/s)·Q is the
 * point v names: x = r (+ q when v & 2), y odd iff v & 1. That is exactly noble's
 * `verify(sig, m, Q, { lowS: true })` (R' ≠ O and R'.x ≡ r mod q) together with
 * `recoverPublicKey(v) = Q` (recovery rebuilds that point from r and v and returns r⁻¹(s·R' − m·G), which is
 * Q iff the rebuilt point is R'), in one double-scalar multiplication instead of two (sign-check.test.ts
 * compares both on honest and tampered signatures). Public values only: variable time is fine.
 */
export function verifiesWithRecovery(r: bigint, s: bigint, v: number, m: bigint, Q: Point): boolean {
  if (r <= 0n || r >= q || s <= 0n || s > q >> 1n) return false;
  if (!Number.isInteger(v) || v < 0 || v > 3 || m < 0n || m >= q) return false;
  const sInv = invQ(s);
  const R = G.mulAddUnsafe((m * sInv) % q, Q, (r * sInv) % q);
  if (R.is0()) return false;
  const { x, y } = R.toAffine();
  return x === r + ((v & 2) !== 0 ? q : 0n) && (y & 1n) === BigInt(v & 1);
}
