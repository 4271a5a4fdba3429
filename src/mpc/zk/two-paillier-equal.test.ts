import { describe, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { decode, encode } from '../common/codec.ts';
import { fixturePaillierKey } from '../paillier/fixtures.testutil.ts';
import { CURVE_ORDER } from './params.ts';
import { expectRefused, testContext } from './testutil.ts';
import {
  precomputeTwoPaillierEqual,
  proveTwoPaillierEqual,
  TwoPaillierEqualProofSchema,
  verifyTwoPaillierEqual,
} from './two-paillier-equal.ts';

const key0 = fixturePaillierKey(0);
const key1 = fixturePaillierKey(1);
// After a few refreshes x1 is an integer above q: the proof must still work.
const x = randomBelow(CURVE_ORDER) + 3n * CURVE_ORDER;
const a = key0.randomness();
const b = key1.randomness();
const st = { n0: key0.n, c0: key0.encrypt(x, a), n1: key1.n, c1: key1.encrypt(x, b) };
const ctx = testContext('ecdsa.refresh.two-paillier-equal');
// P1's path in refresh: the first message made ahead of time under the old and the new key.
const pre = precomputeTwoPaillierEqual(key0, key1);
const proof = proveTwoPaillierEqual(st, { x, r0: a.r, r1: b.r, key0, key1 }, ctx, pre);

describe('two Paillier ciphertexts hold the same value (refresh)', () => {
  it('an honest proof verifies after a wire round trip', () => {
    const wire = JSON.parse(JSON.stringify(encode(TwoPaillierEqualProofSchema, proof)));
    verifyTwoPaillierEqual(st, decode(TwoPaillierEqualProofSchema, wire), ctx);
  });

  it('refuses a new ciphertext of another value (a cheating P1), with nothing secret in the error', () => {
    const c1 = key1.encrypt(x + 1n, b);
    const cheat = proveTwoPaillierEqual({ ...st, c1 }, { x, r0: a.r, r1: b.r, key0, key1 }, ctx);
    expectRefused(() => verifyTwoPaillierEqual({ ...st, c1 }, cheat, ctx), 'BAD_PROOF', [x, key1.p, b.r]);
  });

  it('a precomputed first message is single use', () => {
    expectRefused(
      () => proveTwoPaillierEqual(st, { x, r0: a.r, r1: b.r, key0, key1 }, ctx, pre),
      'NONCE_REUSE',
    );
  });

  it('refuses malformed responses and invalid ciphertexts before any heavy work', () => {
    const d = [...proof.d];
    d[0] = CURVE_ORDER << 80n;
    expectRefused(() => verifyTwoPaillierEqual(st, { ...proof, d }, ctx), 'BAD_PROOF');
    const r0Hat = [...proof.r0Hat];
    r0Hat[4] = 0n;
    expectRefused(() => verifyTwoPaillierEqual(st, { ...proof, r0Hat }, ctx), 'BAD_PROOF');
    expectRefused(() => verifyTwoPaillierEqual(st, { ...proof, d: proof.d.slice(1) }, ctx), 'BAD_PROOF');
    expectRefused(() => verifyTwoPaillierEqual({ ...st, c1: key1.p }, proof, ctx), 'BAD_PROOF');
    expectRefused(() => verifyTwoPaillierEqual({ ...st, n1: key1.n >> 1100n }, proof, ctx), 'BAD_PROOF');
  });
});
