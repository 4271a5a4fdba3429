import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { FixedBaseExp } from './fixed-base.ts';
import { bitLength, Crt, gcd, mod, modInverse, modPow } from './modular.ts';
import { multiExp } from './multi-exp.ts';
import { isProbablePrime, isSafePrime, randomPrime, randomSafePrime, smallestSmallFactor } from './primes.ts';

function naivePow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b = mod(b, m);
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

describe('modular arithmetic', () => {
  it('modPow matches square-and-multiply for many sizes', () => {
    for (const bits of [1n, 7n, 64n, 300n, 700n]) {
      for (let i = 0; i < 6; i++) {
        const m = randomBelow(1n << bits) | 1n;
        const b = randomBelow(1n << (bits + 5n));
        const e = randomBelow(1n << (bits * 2n + BigInt(i)));
        expect(modPow(b, e, m)).toBe(naivePow(b, e, m));
      }
    }
    expect(modPow(5n, 0n, 7n)).toBe(1n);
    expect(modPow(0n, 5n, 7n)).toBe(0n);
    expect(modPow(-3n, 3n, 7n)).toBe(mod(-27n, 7n));
    expect(modPow(3n, 5n, 1n)).toBe(0n);
  });

  it('negative exponents use the inverse; non-invertible bases throw', () => {
    const m = 1000003n;
    expect((modPow(12345n, -7n, m) * modPow(12345n, 7n, m)) % m).toBe(1n);
    expect(() => modPow(6n, -1n, 9n)).toThrow(RangeError);
  });

  it('modInverse, gcd, CRT', () => {
    const m = (1n << 127n) - 1n;
    for (let i = 0; i < 10; i++) {
      const a = randomBelow(m - 1n) + 1n;
      expect((a * modInverse(a, m)) % m).toBe(1n);
    }
    expect(gcd(84n, -36n)).toBe(12n);
    expect(() => modInverse(4n, 8n)).toThrow(RangeError);
    const crt = new Crt(1000003n, 998244353n);
    const x = randomBelow(crt.m);
    expect(crt.combine(x % crt.m1, x % crt.m2)).toBe(x);
    const b = randomBelow(crt.m);
    const e = randomBelow(1n << 200n);
    expect(crt.pow(b, e, crt.m1 - 1n, crt.m2 - 1n)).toBe(modPow(b, e, crt.m));
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(-255n)).toBe(8);
  });

  it('fixed-base tables and multi-exponentiation agree with modPow', () => {
    const m = randomBelow(1n << 512n) | 1n | (1n << 511n);
    const g = randomBelow(m);
    const t = new FixedBaseExp(g, m, 300, 5);
    for (const e of [0n, 1n, 31n, 32n, randomBelow(1n << 300n), randomBelow(1n << 600n)])
      expect(t.pow(e)).toBe(modPow(g, e, m));
    const p = 1000003n;
    expect((new FixedBaseExp(5n, p, 64).pow(-9n) * modPow(5n, 9n, p)) % p).toBe(1n);
    for (const k of [1, 5, 40, 130]) {
      const bases = Array.from({ length: k }, () => randomBelow(m));
      const exps = Array.from({ length: k }, (_, i) => (i === 0 ? 0n : randomBelow(1n << 64n)));
      const expected = bases.reduce((acc, b, i) => (acc * modPow(b, exps[i]!, m)) % m, 1n);
      expect(multiExp(bases, exps, m)).toBe(expected);
    }
    expect(multiExp([], [], m)).toBe(1n);
  });
});

describe('primes', () => {
  it('Miller–Rabin classifies known primes, composites, Carmichael numbers and base-2 pseudoprimes', () => {
    for (const p of [2n, 3n, 8191n, 8209n, 2147483647n, (1n << 127n) - 1n, (1n << 521n) - 1n])
      expect(isProbablePrime(p)).toBe(true);
    const composites = [
      0n,
      1n,
      4n,
      561n,
      41041n,
      2047n,
      3215031751n,
      8191n * 8209n,
      ((1n << 127n) - 1n) * 8209n,
    ];
    for (const c of composites) expect(isProbablePrime(c)).toBe(false);
    // A product of two large primes (passes trial division).
    expect(isProbablePrime(((1n << 89n) - 1n) * ((1n << 107n) - 1n))).toBe(false);
  });

  it('finds small factors below 2^13 and only those', () => {
    expect(smallestSmallFactor(8191n * ((1n << 127n) - 1n))).toBe(8191);
    expect(smallestSmallFactor(3n * 5n)).toBe(3);
    expect(smallestSmallFactor(8209n * 8219n)).toBe(0);
    expect(smallestSmallFactor(8191n)).toBe(0); // a small prime itself is not "a factor below"
  });

  it('randomPrime gives primes of exactly the requested size with the top two bits set', () => {
    for (const bits of [64, 128, 256]) {
      const p = randomPrime(bits);
      expect(bitLength(p)).toBe(bits);
      expect(p >> BigInt(bits - 2)).toBe(3n);
      expect(isProbablePrime(p)).toBe(true);
    }
    expect(() => randomPrime(8)).toThrow(RangeError);
  });

  it('randomSafePrime gives safe primes (256-bit, to keep the test fast)', () => {
    for (let i = 0; i < 2; i++) {
      const p = randomSafePrime(256);
      expect(bitLength(p)).toBe(256);
      expect(isSafePrime(p)).toBe(true);
      expect(isProbablePrime((p - 1n) / 2n)).toBe(true);
    }
    expect(isSafePrime(23n)).toBe(true);
    expect(isSafePrime(13n)).toBe(false);
  });
});
