import { describe, expect, it } from 'vitest';
import { decode, encode } from '../common/codec.ts';
import { randomPrime } from '../math/primes.ts';
import { FIXTURE_PRIMES, fixturePaillierKey } from '../paillier/fixtures.testutil.ts';
import {
  assertPaillierModulus,
  assertPaillierPublicKeyValid,
  PAILLIER_VALIDITY_REPS,
  proveValidPaillier,
  ValidPaillierProofSchema,
  verifyValidPaillier,
} from './paillier-valid.ts';
import { expectRefused, otherContexts, testContext } from './testutil.ts';

const key = fixturePaillierKey(0);
const n = key.n;
const ctx = testContext('ecdsa.keygen.paillier-valid');
const proof = proveValidPaillier({ n }, { key }, ctx);

describe('Paillier validity proof and modulus checks', () => {
  it('an honest proof verifies, also after a wire round trip', () => {
    expect(proof.sigma).toHaveLength(PAILLIER_VALIDITY_REPS);
    verifyValidPaillier({ n }, proof, ctx);
    const wire = JSON.parse(JSON.stringify(encode(ValidPaillierProofSchema, proof)));
    assertPaillierPublicKeyValid(n, decode(ValidPaillierProofSchema, wire), ctx);
  });

  it('is bound to sid, pid and aux', () => {
    for (const other of otherContexts(ctx))
      expectRefused(() => verifyValidPaillier({ n }, proof, other), 'BAD_PROOF');
  });

  it('refuses tampered, out-of-range and short proofs', () => {
    const tampered = { sigma: proof.sigma.map((s, i) => (i === 3 ? (s + 1n) % n : s)) };
    expectRefused(() => verifyValidPaillier({ n }, tampered, ctx), 'BAD_PROOF');
    expectRefused(() => verifyValidPaillier({ n }, { sigma: proof.sigma.map(() => 0n) }, ctx), 'BAD_PROOF');
    const big = { sigma: proof.sigma.map((s, i) => (i === 0 ? s + n : s)) };
    expectRefused(() => verifyValidPaillier({ n }, big, ctx), 'BAD_PROOF');
    expectRefused(() => verifyValidPaillier({ n }, { sigma: proof.sigma.slice(1) }, ctx), 'BAD_PROOF');
    expectRefused(() => assertPaillierPublicKeyValid(n, tampered, ctx), 'BAD_PAILLIER_KEY');
  });

  it('a proof for one modulus does not verify for another', () => {
    const other = fixturePaillierKey(1);
    expectRefused(() => assertPaillierPublicKeyValid(other.n, proof, ctx), 'BAD_PAILLIER_KEY');
  });

  it('refuses a modulus with gcd(N, φ(N)) ≠ 1 and no small factor (N = p²·q): roots cannot be computed', () => {
    // With p | φ(N) the N-th power map is not onto: it passes the modulus checks but no proof can be made.
    let bad = 0n;
    while (bad.toString(2).length !== 2048) {
      const p = randomPrime(700);
      bad = p * p * randomPrime(648);
    }
    assertPaillierModulus(bad);
    expectRefused(() => assertPaillierPublicKeyValid(bad, proof, ctx), 'BAD_PAILLIER_KEY');
    const guesses = { sigma: proof.sigma.map((_, i) => BigInt(i + 2)) };
    expectRefused(() => assertPaillierPublicKeyValid(bad, guesses, ctx), 'BAD_PAILLIER_KEY');
  });

  it('modulus checks: exactly 2048 bits, odd, no prime factor below 2^13 (BitForge)', () => {
    assertPaillierModulus(n);
    expectRefused(() => assertPaillierModulus(n >> 1n), 'BAD_PAILLIER_KEY');
    expectRefused(() => assertPaillierModulus(n << 1n), 'BAD_PAILLIER_KEY');
    expectRefused(() => assertPaillierModulus(n + 1n), 'BAD_PAILLIER_KEY');
    // A 2048-bit odd modulus with a factor 8191 (< 2^13) and otherwise large: refused before any proof.
    let withSmall = 8191n * ((FIXTURE_PRIMES[2]! * FIXTURE_PRIMES[3]!) >> 13n);
    if ((withSmall & 1n) === 0n) withSmall += 8191n;
    expect(withSmall.toString(2).length).toBe(2048);
    expectRefused(() => assertPaillierModulus(withSmall), 'BAD_PAILLIER_KEY', [key.p, key.q]);
    // The same modulus is refused by the full check too, even with a proof "for" it.
    expectRefused(() => assertPaillierPublicKeyValid(withSmall, proof, ctx), 'BAD_PAILLIER_KEY');
  });
});
