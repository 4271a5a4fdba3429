import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { modPow } from '../math/modular.ts';
import { FIXTURE_PRIMES, fixturePaillierKey } from '../paillier/fixtures.testutil.ts';
import { assertNthPowers, NTH_POWER_BATCH_ROUNDS, type NthPowerClaim } from './nth-power-batch.ts';
import { expectRefused } from './testutil.ts';

const key = fixturePaillierKey(0);
const n = key.n;
const n2 = n * n;

/** `count` true relations u = base^N mod m (m = N or N²) for the modulus N = `of`. */
function honest(count: number, m: bigint, of = n): NthPowerClaim[] {
  return Array.from({ length: count }, () => {
    const base = randomBelow(of - 2n) + 2n;
    return { u: modPow(base, of, m), base };
  });
}

function withError(claims: NthPowerClaim[], j: number, factor: bigint, m: bigint): NthPowerClaim[] {
  return claims.map((c, i) => (i === j ? { ...c, u: (c.u * factor) % m } : c));
}

const modN2 = honest(11, n2);
const modN = honest(10, n);

describe('batched N-th power checks', () => {
  it('accepts honest relations mod N² (batched and one by one) and mod N', () => {
    expect(NTH_POWER_BATCH_ROUNDS).toBe(5);
    assertNthPowers(modN2, n, n2, 'test');
    assertNthPowers(modN2.slice(0, 3), n, n2, 'test');
    assertNthPowers(modN, n, n, 'test');
    assertNthPowers([], n, n2, 'test');
  });

  it('refuses a batch where a single relation is off by (1 + N), the plaintext component, at any position', () => {
    const claims = modN2;
    for (const j of [0, 5, 10])
      expectRefused(() => assertNthPowers(withError(claims, j, 1n + n, n2), n, n2, 'test'), 'BAD_PROOF');
    // The smallest possible plaintext error, and one that is not an N-th power's exact value mod N.
    expectRefused(
      () => assertNthPowers(withError(claims, 3, 1n + n * n - n, n2), n, n2, 'test'),
      'BAD_PROOF',
    );
    expectRefused(() => assertNthPowers(withError(modN, 9, 2n, n), n, n, 'test'), 'BAD_PROOF');
    // Below the batching threshold every relation is checked exactly.
    expectRefused(
      () => assertNthPowers(withError(modN2.slice(0, 2), 1, 1n + n, n2), n, n2, 'test'),
      'BAD_PROOF',
    );
  });

  it('refuses an error of prime order just above 2^17 (one round alone would let it pass 1 time in 131101)', () => {
    // N = 131101·P (131101, the first prime above 2^17: the batch is used); (1 + P·N) has order 131101 in
    // Z*_{N²} and is no N-th power: the forgery the repeated rounds are there for.
    const big = FIXTURE_PRIMES[2]! * FIXTURE_PRIMES[3]!;
    const m = 131101n * big;
    const m2 = m * m;
    const claims = honest(10, m2, m);
    assertNthPowers(claims, m, m2, 'test');
    const smallOrder = (1n + big * m) % m2;
    expect(modPow(smallOrder, 131101n, m2)).toBe(1n);
    for (let t = 0; t < 3; t++)
      expectRefused(() => assertNthPowers(withError(claims, 4, smallOrder, m2), m, m2, 'test'), 'BAD_PROOF');
  });

  it('a modulus with a factor below 2^17 gets the exact check: an order-8209 error is refused', () => {
    // 8209 is above the protocol's 2^13 bound, so such an N reaches the proofs; no batch bound holds for it.
    const big = FIXTURE_PRIMES[2]! * FIXTURE_PRIMES[3]!;
    const m = 8209n * big;
    const m2 = m * m;
    const claims = honest(10, m2, m);
    assertNthPowers(claims, m, m2, 'test');
    const smallOrder = (1n + big * m) % m2;
    expect(modPow(smallOrder, 8209n, m2)).toBe(1n);
    expectRefused(() => assertNthPowers(withError(claims, 7, smallOrder, m2), m, m2, 'test'), 'BAD_PROOF');
  });

  it('refuses non-units, out-of-range values and a wrong modulus', () => {
    const claims = modN2.slice(0, 10);
    const p = key.p;
    expectRefused(() => assertNthPowers(withError(claims, 2, p, n2), n, n2, 'test'), 'BAD_PROOF', [p]);
    const over = claims.map((c, i) => (i === 1 ? { ...c, u: c.u + n2 } : c));
    expectRefused(() => assertNthPowers(over, n, n2, 'test'), 'BAD_PROOF');
    const zero = claims.map((c, i) => (i === 1 ? { ...c, base: 0n } : c));
    expectRefused(() => assertNthPowers(zero, n, n2, 'test'), 'BAD_PROOF');
    expectRefused(() => assertNthPowers(claims, n, n2 + 1n, 'test'), 'INTERNAL');
  });
});
