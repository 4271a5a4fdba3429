import fixtures from '../../../tests/fixtures/safe-primes.json';
import { PaillierPrivateKey } from './paillier.ts';

/**
 * Test-only access to the pre-generated primes of tests/fixtures/safe-primes.json (public numbers: never
 * for real keys). Paillier keys from pairs of 1024-bit primes; safe primes for Pedersen parameters.
 */
export const FIXTURE_PRIMES: readonly bigint[] = fixtures.primes.map((h) => BigInt(h));
export const FIXTURE_SAFE_PRIMES: readonly bigint[] = fixtures.safePrimes.map((h) => BigInt(h));

/** The i-th fixture Paillier key (i = 0, 1, 2): 2048-bit N from primes 2i and 2i + 1. */
export function fixturePaillierKey(i = 0): PaillierPrivateKey {
  const p = FIXTURE_PRIMES[2 * i];
  const q = FIXTURE_PRIMES[2 * i + 1];
  if (p === undefined || q === undefined) throw new Error('not enough fixture primes');
  return PaillierPrivateKey.fromPrimes(p, q);
}

/** The i-th pair of fixture safe primes (i = 0, 1). */
export function fixtureSafePrimePair(i = 0): [bigint, bigint] {
  const p = FIXTURE_SAFE_PRIMES[2 * i];
  const q = FIXTURE_SAFE_PRIMES[2 * i + 1];
  if (p === undefined || q === undefined) throw new Error('not enough fixture safe primes');
  return [p, q];
}
