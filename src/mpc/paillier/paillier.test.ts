import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, gcd } from '../math/modular.ts';
import { isProbablePrime } from '../math/primes.ts';
import { fixturePaillierKey } from './fixtures.testutil.ts';
import {
  assertCiphertext,
  generatePaillierKey,
  PaillierPrivateKey,
  PaillierPublicKey,
  PaillierRandomnessPool,
} from './paillier.ts';

const key = fixturePaillierKey(0);
const pub = key.publicKey;
const N = pub.n;

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MpcError ? e.code : 'raw';
  }
  return undefined;
}

describe('Paillier (g = N + 1)', () => {
  it('fixture key has a 2048-bit modulus', () => {
    expect(bitLength(N)).toBe(2048);
  });

  it('encrypts with fresh randomness and decrypts by CRT', () => {
    const m0 = randomBelow(N);
    const c1 = pub.encrypt(m0);
    const c2 = pub.encrypt(m0);
    expect(c1).not.toBe(c2);
    expect(key.decrypt(c1)).toBe(m0);
    expect(key.decrypt(c2)).toBe(m0);
    for (const m of [0n, 1n, N - 1n, randomBelow(1n << 256n)]) expect(key.decrypt(key.encrypt(m))).toBe(m);
  });

  it('precomputed randomness, explicit r and the CRT path agree', () => {
    const m = randomBelow(N);
    const rand = pub.randomness();
    expect(key.rToN(rand.r)).toBe(rand.rn);
    const c = pub.encryptWithRn(m, rand.rn);
    expect(pub.encrypt(m, rand)).toBe(c);
    expect(pub.encryptWithR(m, rand.r)).toBe(c);
    expect(key.encryptWithR(m, rand.r)).toBe(c);
    expect(key.randomnessOf(c)).toBe(rand.r);
  });

  it('is additively homomorphic', () => {
    const a = randomBelow(N);
    const b = randomBelow(N);
    const k = randomBelow(1n << 300n);
    const ca = pub.encrypt(a);
    const cb = pub.encrypt(b);
    expect(key.decrypt(pub.add(ca, cb))).toBe((a + b) % N);
    expect(key.decrypt(pub.addPlain(ca, b))).toBe((a + b) % N);
    expect(key.decrypt(pub.mulScalar(ca, k))).toBe((a * k) % N);
    expect(key.decryptSigned(pub.mulScalar(ca, -1n))).toBe(a > N / 2n ? N - a : -a);
    expect(key.decryptSigned(pub.encrypt(-5n))).toBe(-5n);
  });

  it('refuses ciphertexts outside Z*_{N^2} with BAD_CIPHERTEXT', () => {
    const p = key.p;
    for (const c of [0n, -1n, pub.n2, pub.n2 + 1n, p, p * 7n, N]) {
      expect(pub.isCiphertext(c)).toBe(false);
      expect(code(() => pub.assertCiphertext(c))).toBe('BAD_CIPHERTEXT');
      expect(code(() => assertCiphertext(c, N))).toBe('BAD_CIPHERTEXT');
      expect(code(() => key.decrypt(c))).toBe('BAD_CIPHERTEXT');
    }
    expect(() => pub.assertCiphertext(pub.encrypt(3n))).not.toThrow();
  });

  it('refuses degenerate keys', () => {
    expect(code(() => new PaillierPublicKey(10n))).toBe('BAD_PAILLIER_KEY');
    expect(code(() => PaillierPrivateKey.fromPrimes(key.p, key.p))).toBe('BAD_PAILLIER_KEY');
    // gcd(N, φ(N)) ≠ 1: p = 7, q = 43 (7 | 42).
    expect(code(() => PaillierPrivateKey.fromPrimes(7n, 43n))).toBe('BAD_PAILLIER_KEY');
  });

  it('generatePaillierKey makes a working key of the requested size (512 bits here for speed)', () => {
    const k = generatePaillierKey(512);
    expect(bitLength(k.n)).toBe(512);
    expect(isProbablePrime(k.p) && isProbablePrime(k.q)).toBe(true);
    expect(gcd(k.n, k.phi)).toBe(1n);
    const m = randomBelow(k.n);
    expect(k.decrypt(k.publicKey.encrypt(m))).toBe(m);
  });
});

describe('PaillierRandomnessPool', () => {
  it('hands out each precomputed randomness once, then computes fresh ones', () => {
    const pool = new PaillierRandomnessPool(key);
    pool.fill(2);
    expect(pool.size).toBe(2);
    const a = pool.take();
    const b = pool.take();
    const c = pool.take();
    expect(pool.size).toBe(0);
    expect(new Set([a.r, b.r, c.r]).size).toBe(3);
    for (const r of [a, b, c]) expect(key.rToN(r.r)).toBe(r.rn);
    const m = randomBelow(N);
    expect(key.decrypt(pub.encrypt(m, a))).toBe(m);
  });
});
