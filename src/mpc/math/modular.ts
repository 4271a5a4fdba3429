/**
 * Modular arithmetic on native bigints. None of this is constant-time (JS bigints are not); the protocols
 * rely on the enclave's isolation and the client's single-user context, as the SPEC accepts.
 */

export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  return x === 0n ? 0 : x.toString(2).length;
}

/** Non-negative residue of x mod m (m > 0). */
export function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

function windowFor(bits: number): number {
  if (bits <= 32) return 1;
  if (bits <= 160) return 3;
  if (bits <= 512) return 4;
  if (bits <= 1536) return 5;
  return 6;
}

/**
 * base^exp mod m with left-to-right sliding windows (odd powers precomputed). A negative exponent uses
 * the inverse of the base (throws RangeError when it has none).
 */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m <= 0n) throw new RangeError('modulus must be positive');
  if (m === 1n) return 0n;
  if (exp < 0n) return modPow(modInverse(base, m), -exp, m);
  let b = mod(base, m);
  if (exp === 0n) return 1n;
  if (b === 0n) return 0n;
  const bits = exp.toString(2);
  const n = bits.length;
  const w = windowFor(n);
  // odd[i] = b^(2i+1)
  const odd: bigint[] = [b];
  if (w > 1) {
    const b2 = (b * b) % m;
    for (let i = 1; i < 1 << (w - 1); i++) odd.push((odd[i - 1]! * b2) % m);
  }
  let acc = 1n;
  let started = false;
  let i = 0;
  while (i < n) {
    if (bits.charCodeAt(i) === 48) {
      if (started) acc = (acc * acc) % m;
      i++;
      continue;
    }
    // Longest window of ≤ w bits starting at i that ends in a 1.
    let j = Math.min(i + w, n);
    while (bits.charCodeAt(j - 1) === 48) j--;
    const val = Number.parseInt(bits.slice(i, j), 2);
    if (started) for (let k = i; k < j; k++) acc = (acc * acc) % m;
    acc = started ? (acc * odd[val >> 1]!) % m : odd[val >> 1]!;
    started = true;
    i = j;
  }
  b = 0n;
  return acc;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** a⁻¹ mod m; throws RangeError when gcd(a, m) ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint {
  if (m <= 0n) throw new RangeError('modulus must be positive');
  let r0 = mod(a, m);
  let r1 = m;
  let s0 = 1n;
  let s1 = 0n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return mod(s0, m);
}

/**
 * Chinese remaindering for two coprime moduli with the inverse precomputed:
 * returns x mod (m1·m2) with x ≡ a1 (mod m1), x ≡ a2 (mod m2), given m1Inv = m1⁻¹ mod m2.
 */
export function crtCombine(a1: bigint, m1: bigint, a2: bigint, m2: bigint, m1Inv: bigint): bigint {
  const h = mod((a2 - a1) * m1Inv, m2);
  return a1 + h * m1;
}

/** Precomputed two-modulus CRT context, for exponentiations modulo m1·m2 done modulo m1 and m2. */
export class Crt {
  readonly m: bigint;
  private readonly m1Inv: bigint;
  constructor(
    readonly m1: bigint,
    readonly m2: bigint,
  ) {
    this.m = m1 * m2;
    this.m1Inv = modInverse(m1, m2);
  }
  combine(a1: bigint, a2: bigint): bigint {
    return crtCombine(mod(a1, this.m1), this.m1, mod(a2, this.m2), this.m2, this.m1Inv);
  }
  /** base^e mod m1·m2, with exponents reduced by the given group orders of Z*_{m1}, Z*_{m2} when known. */
  pow(base: bigint, e: bigint, order1?: bigint, order2?: bigint): bigint {
    const e1 = order1 !== undefined && e >= 0n ? e % order1 : e;
    const e2 = order2 !== undefined && e >= 0n ? e % order2 : e;
    return this.combine(modPow(base, e1, this.m1), modPow(base, e2, this.m2));
  }
}
