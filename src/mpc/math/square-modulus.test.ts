import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { FIXTURE_PRIMES } from '../paillier/fixtures.testutil.ts';
import { mod, modPow } from './modular.ts';
import { powModSquare } from './square-modulus.ts';

/** Plain right-to-left square-and-multiply: the reference. */
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

describe('powModSquare (exponentiation mod m² in m-adic digits)', () => {
  it('matches square-and-multiply for odd, even and prime moduli of many sizes', () => {
    for (const bits of [2n, 3n, 17n, 64n, 255n, 513n]) {
      for (let i = 0; i < 6; i++) {
        const m = (randomBelow(1n << bits) | (1n << (bits - 1n))) + BigInt(i & 1); // odd and even
        const b = randomBelow(m * m * 3n) - m * m; // negative, in range, and above m²
        const e = randomBelow(1n << (bits * 2n + BigInt(i * 40)));
        expect(powModSquare(b, e, m)).toBe(naivePow(b, e, m * m));
      }
    }
  });

  it('decryption-size inputs: 1024-bit prime, exponent p − 1 and p (the Teichmüller lift)', () => {
    const p = FIXTURE_PRIMES[0]!;
    const p2 = p * p;
    for (let i = 0; i < 3; i++) {
      const c = randomBelow(p2);
      expect(powModSquare(c, p - 1n, p)).toBe(modPow(c, p - 1n, p2));
      expect(powModSquare(c % p, p, p)).toBe(modPow(c % p, p, p2));
    }
  });

  it('edge cases: exponent 0 and 1, base 0, 1, m and m², modulus 1 and 2, negative exponents', () => {
    const m = 1000003n;
    const m2 = m * m;
    for (const b of [0n, 1n, 2n, m, m2, m2 + 5n, -1n]) {
      expect(powModSquare(b, 0n, m)).toBe(1n);
      expect(powModSquare(b, 1n, m)).toBe(mod(b, m2));
      expect(powModSquare(b, 37n, m)).toBe(naivePow(b, 37n, m2));
    }
    expect(powModSquare(m, 2n, m)).toBe(0n); // m² ≡ 0
    expect(powModSquare(5n, 3n, 2n)).toBe(1n); // mod 4
    expect(powModSquare(5n, 3n, 1n)).toBe(0n);
    expect(() => powModSquare(5n, 3n, 0n)).toThrow(RangeError);
    const b = 123456789n;
    expect((powModSquare(b, -7n, m) * powModSquare(b, 7n, m)) % m2).toBe(1n);
    expect(() => powModSquare(m, -1n, m)).toThrow(RangeError);
  });
});
