import { randomBytes } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { gcd, modPow } from '../math/modular.ts';
import { multiExp } from '../math/multi-exp.ts';

/**
 * Many relations u_j ≡ b_j^N (mod m), m = N or N², checked with fewer N-th powers (small-exponent batch
 * verification, Bellare–Garay–Rabin, with Boyd–Pavlovski's caveat for groups of unknown order handled below).
 *
 * What the callers' proofs need from each relation is only that δ_j = u_j·b_j^-N lies in H = {y^N} ⊂ Z*_m
 * (then some b'_j with u_j = b'_j^N exists, which is all their soundness arguments use; for the validity
 * proof it is exactly "ρ_j is an N-th power"). In G/H, for G = Z*_m, every element's order divides
 * |G/H| = |G[N]|, whose prime factors all divide N. The batch is used only when N has no prime factor
 * below 2^17 (trial division here, once per N; an honest N is two 1024-bit primes), so a class ≠ 1 has
 * order t > 2^17. One round draws fresh weights w_j ∈ [0, 2^17) from the verifier's own randomness (never
 * from the transcript: a prover must not be able to grind them) and checks ∏ u_j^{w_j} = (∏ b_j^{w_j})^N.
 * If some δ_j ∉ H, the 2^17 possible w_j give distinct powers of its class and, whatever the other weights,
 * at most one passes: probability ≤ 2^-17 per round (longer weights would not lower this bound, and one
 * round is not enough, hence the rounds). ROUNDS = 5 independent rounds: ≤ 2^-85, on top of the proofs'
 * own Fiat–Shamir soundness. Each round costs one N-th power plus two short multi-exponentiations, so this
 * pays from 7 relations on; fewer, or a modulus with a factor below 2^17 (which the protocol's own check,
 * no factor below 2^13, lets through), are checked one by one, exactly.
 */
export const NTH_POWER_BATCH_ROUNDS = 5;
const WEIGHT_BITS = 17;
const FACTOR_BOUND = 1 << WEIGHT_BITS;

// Products of consecutive primes below 2^17, each below 2^52: one bigint remainder serves several primes.
let chunks: { product: bigint; primes: number[] }[] | undefined;
function primeChunks(): { product: bigint; primes: number[] }[] {
  if (chunks) return chunks;
  const sieve = new Uint8Array(FACTOR_BOUND);
  const out: { product: bigint; primes: number[] }[] = [];
  let cur: number[] = [];
  let prod = 1;
  for (let i = 2; i < FACTOR_BOUND; i++) {
    if (sieve[i]) continue;
    for (let j = i * i; j < FACTOR_BOUND; j += i) sieve[j] = 1;
    if (prod * i >= 2 ** 52) {
      out.push({ product: BigInt(prod), primes: cur });
      cur = [];
      prod = 1;
    }
    cur.push(i);
    prod *= i;
  }
  out.push({ product: BigInt(prod), primes: cur });
  chunks = out;
  return out;
}

// The validity proof and the key-encryption proof ask about the same N, one after the other.
let lastChecked: { n: bigint; clean: boolean } | undefined;
function noFactorBelowBound(n: bigint): boolean {
  if (lastChecked?.n === n) return lastChecked.clean;
  let clean = n > BigInt(FACTOR_BOUND);
  if (clean)
    outer: for (const { product, primes } of primeChunks()) {
      const r = Number(n % product);
      for (const p of primes)
        if (r % p === 0) {
          clean = false;
          break outer;
        }
    }
  lastChecked = { n, clean };
  return clean;
}

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
  if (claims.length < NTH_POWER_BATCH_ROUNDS + 2 || !noFactorBelowBound(n)) {
    for (const { u, base } of claims) if (modPow(base, n, m) !== u) throw fail();
    return;
  }
  // Every value a unit (one gcd over the product covers them all): the argument above is in Z*_m.
  let prod = 1n;
  for (const { u, base } of claims) prod = (((prod * u) % n) * base) % n;
  if (gcd(prod, n) !== 1n) throw new MpcError('BAD_PROOF', `${what}: value not a unit`);
  const us = claims.map((c) => c.u);
  const bases = claims.map((c) => c.base);
  const mask = FACTOR_BOUND - 1;
  for (let round = 0; round < NTH_POWER_BATCH_ROUNDS; round++) {
    const bytes = randomBytes(3 * claims.length);
    const w = claims.map((_, j) =>
      BigInt(((bytes[3 * j]! << 16) | (bytes[3 * j + 1]! << 8) | bytes[3 * j + 2]!) & mask),
    );
    if (modPow(multiExp(bases, w, m), n, m) !== multiExp(us, w, m)) throw fail();
  }
}
