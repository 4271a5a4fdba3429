import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { modPow } from '../math/modular.ts';
import { FIXED_ORDER, FIXED_P } from './fixed-group.ts';
import { jacobi } from './jacobi.ts';

/** (a/n) as the product of Euler's criterion over n's prime factors (trial division: small n only). */
function slowJacobi(a: bigint, n: bigint): number {
  const x = ((a % n) + n) % n;
  let m = n;
  let r = 1;
  for (let p = 3n; m > 1n; p += 2n)
    while (m % p === 0n) {
      m /= p;
      const l = modPow(x, (p - 1n) / 2n, p);
      r *= l === 0n ? 0 : l === 1n ? 1 : -1;
    }
  return r + 0; // no −0
}

describe('Jacobi symbol', () => {
  it('matches the product of Legendre symbols for every small odd modulus and residue', () => {
    for (let n = 1n; n < 160n; n += 2n)
      for (let a = -4n; a < 70n; a++) expect([a, n, jacobi(a, n)]).toEqual([a, n, slowJacobi(a, n)]);
  });

  it("is Euler's criterion modulo the fixed group's 2048-bit prime, residues and non-residues alike", () => {
    let seen = 0;
    for (let i = 0; i < 24; i++) {
      const x = randomBelow(FIXED_P - 1n) + 1n;
      for (const y of [x, (x * x) % FIXED_P]) {
        const euler = modPow(y, FIXED_ORDER, FIXED_P) === 1n ? 1 : -1;
        expect(jacobi(y, FIXED_P)).toBe(euler);
        if (euler === -1) seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(jacobi(0n, FIXED_P)).toBe(0);
    expect(jacobi(FIXED_P - 1n, FIXED_P)).toBe(-1); // p ≡ 3 (mod 4)
  });

  it('refuses an even or non-positive modulus', () => {
    expect(() => jacobi(3n, 10n)).toThrow(RangeError);
    expect(() => jacobi(3n, -7n)).toThrow(RangeError);
  });
});
