import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToBigint, concatBytes, utf8 } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, modPow } from '../math/modular.ts';
import { isProbablePrime } from '../math/primes.ts';
import {
  assertInFixedSubgroup,
  FIXED_G,
  FIXED_G_LABEL,
  FIXED_H,
  FIXED_H_LABEL,
  FIXED_ORDER,
  FIXED_P,
  FIXED_SQRT_G,
  FIXED_SQRT_H,
  fixedCommit,
} from './fixed-group.ts';

/** The derivation the compiled-in constants come from: SHA-256 in counter mode, 288 bytes, mod p. */
function hashToZp(label: string): bigint {
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < 9; i++) blocks.push(sha256(concatBytes(utf8(label), new Uint8Array([0, 0, 0, i]))));
  return bytesToBigint(concatBytes(...blocks)) % FIXED_P;
}

describe('fixed prime-order group (RFC 3526 group 14)', () => {
  it('p is the 2048-bit RFC 3526 safe prime', () => {
    expect(bitLength(FIXED_P)).toBe(2048);
    // 2^2048 − 2^1984 − 1 + 2^64·k: the fixed top and bottom 64 bits of every RFC 3526 prime.
    expect(FIXED_P >> 1984n).toBe((1n << 64n) - 1n);
    expect(FIXED_P & ((1n << 64n) - 1n)).toBe((1n << 64n) - 1n);
    expect(isProbablePrime(FIXED_P, 2)).toBe(true);
    expect(isProbablePrime(FIXED_ORDER, 2)).toBe(true);
  });

  it('g and h are re-derived from their labels and lie in the order-p′ subgroup', () => {
    expect(hashToZp(FIXED_G_LABEL)).toBe(FIXED_SQRT_G);
    expect(hashToZp(FIXED_H_LABEL)).toBe(FIXED_SQRT_H);
    expect(FIXED_G).toBe((FIXED_SQRT_G * FIXED_SQRT_G) % FIXED_P);
    expect(FIXED_H).toBe((FIXED_SQRT_H * FIXED_SQRT_H) % FIXED_P);
    for (const x of [FIXED_G, FIXED_H]) {
      expect(x).not.toBe(1n);
      expect(modPow(x, FIXED_ORDER, FIXED_P)).toBe(1n);
    }
    expect(FIXED_G).not.toBe(FIXED_H);
  });

  it('commitments are in the subgroup; non-members are refused', () => {
    const c = fixedCommit(12345n, 678n);
    expect(c).toBe((modPow(FIXED_G, 12345n, FIXED_P) * modPow(FIXED_H, 678n, FIXED_P)) % FIXED_P);
    expect(() => assertInFixedSubgroup(c, 'c')).not.toThrow();
    // p ≡ 3 (mod 4), so −1 and −g are non-residues.
    for (const bad of [0n, FIXED_P, FIXED_P + 4n, FIXED_P - 1n, FIXED_P - FIXED_G])
      expect(() => assertInFixedSubgroup(bad, 'c')).toThrow(MpcError);
  });
});
