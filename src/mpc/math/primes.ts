import { bytesToBigint, randomBelow, randomBytes } from '../common/bytes.ts';
import { modPow } from './modular.ts';

/** The primes below 2^13 (the no-small-factor bound of SPEC §5.3 item 1), by a sieve of Eratosthenes. */
export const SMALL_PRIME_BOUND = 1 << 13;
export const SMALL_PRIMES: readonly number[] = (() => {
  const sieve = new Uint8Array(SMALL_PRIME_BOUND);
  const out: number[] = [];
  for (let i = 2; i < SMALL_PRIME_BOUND; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j < SMALL_PRIME_BOUND; j += i) sieve[j] = 1;
  }
  return out;
})();

// Products of consecutive small primes below 2^52, so one bigint remainder yields several small remainders.
const PRIME_CHUNKS: { product: bigint; primes: number[] }[] = (() => {
  const chunks: { product: bigint; primes: number[] }[] = [];
  let cur: number[] = [];
  let prod = 1;
  for (const p of SMALL_PRIMES) {
    if (prod * p >= 2 ** 52) {
      chunks.push({ product: BigInt(prod), primes: cur });
      cur = [];
      prod = 1;
    }
    cur.push(p);
    prod *= p;
  }
  if (cur.length) chunks.push({ product: BigInt(prod), primes: cur });
  return chunks;
})();

/** The smallest prime factor of n below 2^13, or 0 when there is none (n itself may be a small prime). */
export function smallestSmallFactor(n: bigint): number {
  if (n < 0n) n = -n;
  for (const { product, primes } of PRIME_CHUNKS) {
    const r = Number(n % product);
    for (const p of primes) if (r % p === 0 && n !== BigInt(p)) return p;
  }
  return 0;
}

/** Residues of n modulo every small prime, as numbers (for incremental sieving). */
function smallResidues(n: bigint): Int32Array {
  const out = new Int32Array(SMALL_PRIMES.length);
  let k = 0;
  for (const { product, primes } of PRIME_CHUNKS) {
    const r = Number(n % product);
    for (const p of primes) out[k++] = r % p;
  }
  return out;
}

function millerRabinRound(n: bigint, d: bigint, s: number, a: bigint): boolean {
  let x = modPow(a, d, n);
  if (x === 1n || x === n - 1n) return true;
  for (let i = 1; i < s; i++) {
    x = (x * x) % n;
    if (x === n - 1n) return true;
    if (x === 1n) return false;
  }
  return false;
}

/**
 * Miller–Rabin with trial division first. Base 2 plus `rounds` random bases: error ≤ 4^-rounds even for
 * adversarially chosen n (default 40 rounds, ≤ 2^-80).
 */
export function isProbablePrime(n: bigint, rounds = 40): boolean {
  if (n < 2n) return false;
  if (n < BigInt(SMALL_PRIME_BOUND)) return SMALL_PRIMES.includes(Number(n));
  if (smallestSmallFactor(n) !== 0) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  if (!millerRabinRound(n, d, s, 2n)) return false;
  for (let i = 0; i < rounds; i++) {
    const a = 2n + randomBelow(n - 3n);
    if (!millerRabinRound(n, d, s, a)) return false;
  }
  return true;
}

/** A random odd integer of exactly `bits` bits with its top two bits set (so p·q has exactly 2·bits bits). */
function randomOddTopTwo(bits: number): bigint {
  if (bits < 16) throw new RangeError('prime size too small');
  const extra = BigInt(Math.ceil(bits / 8) * 8 - bits);
  let x = bytesToBigint(randomBytes(Math.ceil(bits / 8))) >> extra;
  x |= (3n << BigInt(bits - 2)) | 1n;
  return x;
}

// Incremental search spans at most this many steps from one random start before a fresh start.
const SEARCH_SPAN = 1 << 14;

/**
 * The search behind randomPrime as a generator that yields after each Miller–Rabin candidate (a few ms of
 * work), so a service can fill a key pool in idle time without holding its event loop for seconds.
 */
export function* randomPrimeSteps(bits: number, rounds = 16): Generator<void, bigint> {
  for (;;) {
    const start = randomOddTopTwo(bits);
    const res = smallResidues(start);
    for (let step = 0; step < SEARCH_SPAN; step++) {
      const delta = 2 * step;
      let ok = true;
      for (let i = 1; i < res.length; i++) {
        if ((res[i]! + delta) % SMALL_PRIMES[i]! === 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const c = start + BigInt(delta);
      if (c >> BigInt(bits) !== 0n) break;
      if (isProbablePrime(c, rounds)) return c;
      yield;
    }
  }
}

/** A random prime of exactly `bits` bits (top two bits set). */
export function randomPrime(bits: number, rounds = 16): bigint {
  const it = randomPrimeSteps(bits, rounds);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * A random safe prime p = 2q + 1 of exactly `bits` bits (top two bits set), q prime. Sieves q and 2q + 1
 * together, then a cheap base-2 test on both before the full Miller–Rabin runs.
 */
export function randomSafePrime(bits: number, rounds = 16): bigint {
  for (;;) {
    const q0 = randomOddTopTwo(bits - 1);
    const res = smallResidues(q0);
    for (let step = 0; step < SEARCH_SPAN; step++) {
      const delta = 2 * step;
      let ok = true;
      for (let i = 1; i < res.length; i++) {
        const r = (res[i]! + delta) % SMALL_PRIMES[i]!;
        // q ≡ 0 kills q; q ≡ (r-1)/2 kills 2q + 1.
        if (r === 0 || r === (SMALL_PRIMES[i]! - 1) >> 1) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const q = q0 + BigInt(delta);
      if (q >> BigInt(bits - 1) !== 0n) break;
      const p = 2n * q + 1n;
      if (modPow(2n, q - 1n, q) !== 1n) continue;
      if (modPow(2n, p - 1n, p) !== 1n) continue;
      if (isProbablePrime(q, rounds) && isProbablePrime(p, rounds)) return p;
    }
  }
}

export function isSafePrime(p: bigint, rounds = 40): boolean {
  return (p & 3n) === 3n && isProbablePrime(p, rounds) && isProbablePrime((p - 1n) >> 1n, rounds);
}
