import { randomBytes } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { gcd, modPow } from '../math/modular.ts';
import { multiExp } from '../math/multi-exp.ts';
import { SMALL_PRIME_BOUND, smallestSmallFactor } from '../math/primes.ts';

/**
 * Many relations u_j ≡ b_j^N (mod m), m = N or N², checked with fewer N-th powers (small-exponent batch
 * verification, Bellare–Garay–Rabin, with Boyd–Pavlovski's caveat for groups of unknown order handled below).
 *
 * What the callers' proofs need from each relation is only that δ_j = u_j·b_j^-N lies in H = {y^N} ⊂ Z*_m
 * (then some b'_j with u_j = b'_j^N exists, which is all their soundness arguments use; for the validity
 * proof it is exactly "ρ_j is an N-th power"). In G/H, for G = Z*_m, every element's order divides
 * |G/H| = |G[N]|, whose prime factors all divide N, hence are ≥ 8209 (the first prime above 2^13: N has
 * no smaller factor, checked here). One round draws fresh weights w_j ∈ [0, 2^13) from the verifier's own
 * randomness (never from the transcript: a prover must not be able to grind them) and checks
 * ∏ u_j^{w_j} = (∏ b_j^{w_j})^N. If some δ_j ∉ H, its class has order t ≥ 8209 > 2^13, so the 2^13 possible
 * w_j give distinct powers of it and, whatever the other weights, at most one passes: probability ≤ 2^-13
 * per round (a single round is NOT enough, hence the rounds; longer weights would not lower this bound).
 * ROUNDS = 7 independent rounds: ≤ 2^-91, on top of the proofs' own
 * Fiat–Shamir soundness. Each round costs one N-th power plus two short multi-exponentiations, so this pays
 * from about 9 relations on; fewer are checked one by one (exactly).
 */
export const NTH_POWER_BATCH_ROUNDS = 7;
const WEIGHT_MASK = (1 << 13) - 1;

export interface NthPowerClaim {
  /** The value that must be an N-th power ... */
  u: bigint;
  /** ... of this base. */
  base: bigint;
}

/** BAD_PROOF (naming `what`) unless every u_j ≡ base_j^N (mod m); m must be N or N². */
export function assertNthPowers(claims: readonly NthPowerClaim[], n: bigint, m: bigint, what: string): void {
  if (m !== n && m !== n * n) throw new MpcError('INTERNAL', 'N-th power check: modulus must be N or N²');
  if (claims.length === 0) return;
  const fail = () => new MpcError('BAD_PROOF', `${what} does not verify`);
  for (const { u, base } of claims) if (u <= 0n || u >= m || base <= 0n || base >= m) throw fail();
  if (claims.length < NTH_POWER_BATCH_ROUNDS + 2) {
    for (const { u, base } of claims) if (modPow(base, n, m) !== u) throw fail();
    return;
  }
  // The bound on t above rests on these two: N odd with no prime factor below 2^13, and every value a unit
  // (one gcd over the product covers them all).
  if ((n & 1n) === 0n || smallestSmallFactor(n) !== 0)
    throw new MpcError('BAD_PROOF', `${what}: modulus has a factor below ${SMALL_PRIME_BOUND}`);
  let prod = 1n;
  for (const { u, base } of claims) prod = (((prod * u) % n) * base) % n;
  if (gcd(prod, n) !== 1n) throw new MpcError('BAD_PROOF', `${what}: value not a unit`);
  const us = claims.map((c) => c.u);
  const bases = claims.map((c) => c.base);
  for (let round = 0; round < NTH_POWER_BATCH_ROUNDS; round++) {
    const bytes = randomBytes(2 * claims.length);
    const w = claims.map((_, j) => BigInt(((bytes[2 * j]! << 8) | bytes[2 * j + 1]!) & WEIGHT_MASK));
    if (modPow(multiExp(bases, w, m), n, m) !== multiExp(us, w, m)) throw fail();
  }
}
