import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { decode, encode } from '../common/codec.ts';
import { fixturePaillierKey } from '../paillier/fixtures.testutil.ts';
import { FIXED_P, fixedCommit } from './fixed-group.ts';
import {
  type KeyEncryptionProof,
  KeyEncryptionProofSchema,
  proveKeyEncryption,
  verifyKeyEncryption,
} from './key-encryption.ts';
import { provePaillierPedersenEqual, verifyPaillierPedersenEqual } from './paillier-pedersen-equal.ts';
import { CURVE_ORDER } from './params.ts';
import { provePdl, verifyPdl } from './pdl.ts';
import { proveRangePedersen, verifyRangePedersen } from './range-pedersen.ts';
import { expectRefused, otherContexts, testContext } from './testutil.ts';

const G = secp256k1.Point.BASE;
const key = fixturePaillierKey(0);
const n = key.n;
const x1 = randomBelow(CURVE_ORDER - 1n) + 1n;
const q1 = G.multiply(x1);
const rand = key.randomness();
const cKey = key.encrypt(x1, rand);
const st = { n, cKey, q1 };
const wit = { key, x1, rKey: rand.r };
const ctx = testContext('ecdsa.keygen.key-encryption');
const proof = proveKeyEncryption(st, wit, ctx);
const secrets = [x1, key.p, key.q, rand.r];

describe('keygen proofs on c_key: equality, range, PDL', () => {
  it('an honest bundle verifies, also after a wire round trip through JSON text', () => {
    const text = JSON.stringify(encode(KeyEncryptionProofSchema, proof));
    expect(text.length).toBeLessThan(200_000);
    verifyKeyEncryption(st, decode(KeyEncryptionProofSchema, JSON.parse(text)) as KeyEncryptionProof, ctx);
  });

  it('the wire schema refuses truncated or oversized proof arrays', () => {
    const wire = encode(KeyEncryptionProofSchema, proof) as {
      range: { d: string[] };
      equal: { D: string[] };
    };
    const short = { ...wire, range: { ...wire.range, d: wire.range.d.slice(1) } };
    expectRefused(() => decode(KeyEncryptionProofSchema, short), 'MALFORMED_MESSAGE');
    const long = { ...wire, equal: { ...wire.equal, D: [...wire.equal.D, wire.equal.D[0]!] } };
    expectRefused(() => decode(KeyEncryptionProofSchema, long), 'MALFORMED_MESSAGE');
    const huge = { ...wire, range: { ...wire.range, d: wire.range.d.map(() => 'A'.repeat(2000)) } };
    expectRefused(() => decode(KeyEncryptionProofSchema, huge), 'MALFORMED_MESSAGE');
  });

  it('is bound to sid, pid and aux', () => {
    for (const other of otherContexts(ctx))
      expectRefused(() => verifyKeyEncryption(st, proof, other), 'BAD_PROOF');
  });

  it('refuses a proof for another statement (other Q1, other c_key)', () => {
    expectRefused(
      () => verifyPdl({ ...st, q1: q1.add(G) }, proof.pdl, { ...ctx, aux: `${ctx.aux}/pdl` }),
      'BAD_PROOF',
    );
    const c2 = key.encrypt(x1);
    expectRefused(() => verifyKeyEncryption({ ...st, cKey: c2 }, proof, ctx), 'BAD_PROOF', secrets);
  });

  it('refuses c_key encrypting a value other than log Q1 (a cheating P1), with nothing secret in the error', () => {
    // The cheater encrypts x1 + 1 but claims Q1 = x1·G: every honest-looking proof it can make fails.
    const wrong = key.encrypt(x1 + 1n, rand);
    const cheat = proveKeyEncryption({ ...st, cKey: wrong }, { ...wit, x1: x1 + 1n }, ctx);
    expectRefused(() => verifyKeyEncryption({ ...st, cKey: wrong }, cheat, ctx), 'BAD_PROOF', secrets);
  });

  it('range proof refuses an out-of-range value and tampered responses', () => {
    const rctx = testContext('range');
    const rho = randomBelow(1n << 2000n);
    // A committed value far above q: the honest prover code refuses, so forge with q·2^70.
    const big = CURVE_ORDER << 70n;
    const com = fixedCommit(big, rho);
    expect(() => proveRangePedersen({ com }, { x: big, rho }, rctx)).toThrow();
    const small = fixedCommit(5n, rho);
    const rp = proveRangePedersen({ com: small }, { x: 5n, rho }, rctx);
    verifyRangePedersen({ com: small }, rp, rctx);
    expectRefused(() => verifyRangePedersen({ com }, rp, rctx), 'BAD_PROOF');
    const d = [...rp.d];
    d[7] = d[7]! + 1n;
    expectRefused(() => verifyRangePedersen({ com: small }, { ...rp, d }, rctx), 'BAD_PROOF');
    const dHigh = [...rp.d];
    dHigh[0] = CURVE_ORDER << 64n;
    expectRefused(() => verifyRangePedersen({ com: small }, { ...rp, d: dHigh }, rctx), 'BAD_PROOF');
    const e = rp.e.slice();
    e[0]! ^= 1;
    expectRefused(() => verifyRangePedersen({ com: small }, { ...rp, e }, rctx), 'BAD_PROOF');
    // A commitment outside the prime-order subgroup.
    expectRefused(() => verifyRangePedersen({ com: FIXED_P - small }, rp, rctx), 'BAD_PROOF');
  });

  it('equality proof refuses a commitment to another value and tampered fields', () => {
    const ectx = testContext('equal');
    const rho = randomBelow(1n << 2000n);
    const com = fixedCommit(x1, rho);
    const ep = provePaillierPedersenEqual({ n, c: cKey, com }, { key, x: x1, r: rand.r, rho }, ectx);
    verifyPaillierPedersenEqual({ n, c: cKey, com }, ep, ectx);
    const other = fixedCommit(x1 + 1n, rho);
    expectRefused(
      () => verifyPaillierPedersenEqual({ n, c: cKey, com: other }, ep, ectx),
      'BAD_PROOF',
      secrets,
    );
    expectRefused(
      () => verifyPaillierPedersenEqual({ n, c: cKey, com }, { ...ep, nu: (ep.nu + 1n) % FIXED_P }, ectx),
      'BAD_PROOF',
    );
    const D = [...ep.D];
    D[2] = 0n;
    expectRefused(() => verifyPaillierPedersenEqual({ n, c: cKey, com }, { ...ep, D }, ectx), 'BAD_PROOF');
    expectRefused(() => verifyPaillierPedersenEqual({ n, c: key.p, com }, ep, ectx), 'BAD_PROOF');
  });

  it('PDL refuses tampered and out-of-range responses', () => {
    const pctx = testContext('pdl');
    const pp = provePdl(st, wit, pctx);
    verifyPdl(st, pp, pctx);
    expectRefused(() => verifyPdl(st, { ...pp, z: pp.z + CURVE_ORDER }, pctx), 'BAD_PROOF');
    expectRefused(
      () => verifyPdl(st, { ...pp, z: (CURVE_ORDER * CURVE_ORDER + 1n) << 64n }, pctx),
      'BAD_PROOF',
    );
    expectRefused(() => verifyPdl(st, { ...pp, rZ: 0n }, pctx), 'BAD_PROOF');
    const R = pp.R.slice();
    R[5]! ^= 1;
    expectRefused(() => verifyPdl(st, { ...pp, R }, pctx), 'BAD_PROOF');
    expectRefused(() => verifyPdl(st, { ...pp, R: new Uint8Array(33) }, pctx), 'BAD_PROOF');
  });
});
