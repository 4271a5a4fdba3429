import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { decode, encode } from '../common/codec.ts';
import { fixturePaillierKey } from '../paillier/fixtures.testutil.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import { FIXED_G, FIXED_H, FIXED_ORDER, FIXED_P, fixedCommit, fixedGroupTable } from './fixed-group.ts';
import {
  type KeyEncryptionProof,
  KeyEncryptionProofSchema,
  precomputeKeyEncryption,
  proveKeyEncryption,
  verifyKeyEncryption,
} from './key-encryption.ts';
import {
  type PaillierPedersenEqualPrecomputation,
  precomputePaillierPedersenEqual,
  provePaillierPedersenEqual,
  verifyPaillierPedersenEqual,
} from './paillier-pedersen-equal.ts';
import { CURVE_ORDER } from './params.ts';
import { type PdlPrecomputation, precomputePdl, provePdl, verifyPdl } from './pdl.ts';
import { SingleUse } from './precomputed.ts';
import {
  proveRangePedersen,
  RANGE_REPS,
  type RangePedersenProof,
  verifyRangePedersen,
} from './range-pedersen.ts';
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
// The enclave's path: the statement-independent work done ahead of time, then the proof.
const pre = precomputeKeyEncryption(key);
const proof = proveKeyEncryption(st, wit, ctx, pre);
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

  it('a precomputed first message is single use and tied to its key', () => {
    expectRefused(() => proveKeyEncryption(st, wit, ctx, pre), 'NONCE_REUSE');
    expect(pre.equal.used && pre.range.used && pre.pdl.used).toBe(true);
    const otherKeyPre = precomputePdl(fixturePaillierKey(1));
    expectRefused(() => provePdl(st, wit, sub('pdl'), otherKeyPre), 'INTERNAL');
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
    // The cheater encrypts x1 + 1 but claims Q1 = x1·G; its PDL answer cannot match both sides.
    const wrong = key.encrypt(x1 + 1n, rand);
    const pdl = provePdl({ ...st, cKey: wrong }, { ...wit, x1: x1 + 1n }, sub('pdl'));
    expectRefused(
      () => verifyKeyEncryption({ ...st, cKey: wrong }, { ...proof, pdl }, ctx),
      'BAD_PROOF',
      secrets,
    );
  });

  it('range proof refuses a committed value above the range (a cheating prover), and tampered fields', () => {
    const rctx = testContext('range');
    const rho = randomBelow(FIXED_ORDER);
    // The honest prover refuses out-of-range input; the cheat below runs the same algebra without that check.
    expect(() =>
      proveRangePedersen({ com: fixedCommit(CURVE_ORDER, rho) }, { x: CURVE_ORDER, rho }, rctx),
    ).toThrow();
    const inRange = cheatRangeProof(12345n, rho, rctx);
    verifyRangePedersen({ com: fixedCommit(12345n, rho) }, inRange, rctx); // the cheat code is faithful
    const big = CURVE_ORDER << 66n;
    const forged = cheatRangeProof(big, rho, rctx);
    expectRefused(() => verifyRangePedersen({ com: fixedCommit(big, rho) }, forged, rctx), 'BAD_PROOF', [
      big,
    ]);

    const rp = proof.range;
    const c = { com: proof.com };
    verifyRangePedersen(c, rp, sub('range'));
    const d = [...rp.d];
    d[7] = d[7]! + 1n;
    expectRefused(() => verifyRangePedersen(c, { ...rp, d }, sub('range')), 'BAD_PROOF');
    const e = rp.e.slice();
    e[0]! ^= 1;
    expectRefused(() => verifyRangePedersen(c, { ...rp, e }, sub('range')), 'BAD_PROOF');
    const f = [...rp.f];
    f[3] = FIXED_ORDER;
    expectRefused(() => verifyRangePedersen(c, { ...rp, f }, sub('range')), 'BAD_PROOF');
    // A commitment outside the prime-order subgroup.
    expectRefused(() => verifyRangePedersen({ com: FIXED_P - proof.com }, rp, sub('range')), 'BAD_PROOF');
  });

  it('equality proof refuses a commitment to another value and tampered fields', () => {
    const ep = proof.equal;
    const ectx = sub('equal');
    const stEq = { n, c: cKey, com: proof.com };
    const other = fixedCommit(x1 + 1n, randomBelow(FIXED_ORDER));
    expectRefused(() => verifyPaillierPedersenEqual({ ...stEq, com: other }, ep, ectx), 'BAD_PROOF', secrets);
    expectRefused(
      () => verifyPaillierPedersenEqual(stEq, { ...ep, nu: (ep.nu + 1n) % FIXED_ORDER }, ectx),
      'BAD_PROOF',
    );
    const dd = [...ep.d];
    dd[1] = dd[1]! + 1n;
    expectRefused(() => verifyPaillierPedersenEqual(stEq, { ...ep, d: dd }, ectx), 'BAD_PROOF');
    const D = [...ep.D];
    D[2] = 0n;
    expectRefused(() => verifyPaillierPedersenEqual(stEq, { ...ep, D }, ectx), 'BAD_PROOF');
    D[2] = (ep.D[2]! * 2n) % n;
    expectRefused(() => verifyPaillierPedersenEqual(stEq, { ...ep, D }, ectx), 'BAD_PROOF');
    const cTilde = [...ep.cTilde];
    cTilde[4] = (cTilde[4]! * (1n + n)) % (n * n);
    expectRefused(() => verifyPaillierPedersenEqual(stEq, { ...ep, cTilde }, ectx), 'BAD_PROOF');
    cTilde[4] = key.p;
    expectRefused(() => verifyPaillierPedersenEqual(stEq, { ...ep, cTilde }, ectx), 'BAD_PROOF', [key.p]);
    expectRefused(() => verifyPaillierPedersenEqual({ ...stEq, c: key.p }, ep, ectx), 'BAD_PROOF');
  });

  it('a cheating prover whose single first message c̃_j is off by (1 + N) is refused by the batched N-th powers', () => {
    // The cheat answers the challenge of its own (bad) first messages honestly, so every other check passes
    // and only relation j, checked inside the batch of five rounds, is wrong.
    const n2 = n * n;
    const ectx = sub('equal');
    const rho = randomBelow(FIXED_ORDER);
    const com = fixedCommit(x1, rho);
    const stEq = { n, c: cKey, com };
    const witEq = { key, x: x1, r: rand.r, rho };
    const cheat = (j: number | undefined): PaillierPedersenEqualPrecomputation => {
      const first = precomputePaillierPedersenEqual(key).take('test');
      const cTilde = first.cTilde.map((c, i) => (i === j ? (c * (1n + n)) % n2 : c));
      return new SingleUse({ ...first, cTilde });
    };
    verifyPaillierPedersenEqual(stEq, provePaillierPedersenEqual(stEq, witEq, ectx, cheat(undefined)), ectx);
    let forged = provePaillierPedersenEqual(stEq, witEq, ectx, cheat(0));
    expectRefused(() => verifyPaillierPedersenEqual(stEq, forged, ectx), 'BAD_PROOF', secrets);
    forged = provePaillierPedersenEqual(stEq, witEq, ectx, cheat(9));
    expectRefused(() => verifyPaillierPedersenEqual(stEq, forged, ectx), 'BAD_PROOF', secrets);
    // Inside the whole keygen bundle too, where PDL's relation joins the same batch.
    const bundle = {
      com,
      range: proveRangePedersen({ com }, { x: x1, rho }, sub('range')),
      pdl: provePdl(st, wit, sub('pdl')),
      equal: forged,
    };
    expectRefused(() => verifyKeyEncryption(st, bundle, ctx), 'BAD_PROOF', secrets);
  });

  it('the range and equality equations mod p, checked in one batch: either one off is refused', () => {
    const nu = (proof.equal.nu + 1n) % FIXED_ORDER;
    expectRefused(
      () => verifyKeyEncryption(st, { ...proof, equal: { ...proof.equal, nu } }, ctx),
      'BAD_PROOF',
    );
    const f = [...proof.range.f];
    f[5] = (f[5]! + 1n) % FIXED_ORDER;
    expectRefused(
      () => verifyKeyEncryption(st, { ...proof, range: { ...proof.range, f } }, ctx),
      'BAD_PROOF',
    );
  });

  it('a cheating PDL prover whose c_r is off by (1 + N) is refused, alone and inside the batch', () => {
    const first = precomputePdl(key).take('test');
    const pre: PdlPrecomputation = new SingleUse({ ...first, cR: (first.cR * (1n + n)) % (n * n) });
    const pdl = provePdl(st, wit, sub('pdl'), pre);
    expectRefused(() => verifyPdl(st, pdl, sub('pdl')), 'BAD_PROOF', secrets);
    expectRefused(() => verifyKeyEncryption(st, { ...proof, pdl }, ctx), 'BAD_PROOF', secrets);
  });

  it('PDL refuses tampered and out-of-range responses', () => {
    const pp = proof.pdl;
    const pctx = sub('pdl');
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

function sub(part: string): ProofContext {
  return { ...ctx, aux: `${ctx.aux}/${part}` };
}

/** The range prover's algebra without its input check, as a cheating prover would run it. */
function cheatRangeProof(x: bigint, rho: bigint, c: ProofContext): RangePedersenProof {
  const sg = fixedGroupTable('sqrtG');
  const sh = fixedGroupTable('sqrtH');
  const com = fixedCommit(x, rho);
  const xi = Array.from({ length: RANGE_REPS }, () => randomBelow(CURVE_ORDER << 64n));
  const ri = Array.from({ length: RANGE_REPS }, () => randomBelow(FIXED_ORDER));
  const cTilde = xi.map((v, i) => (sg.pow(v) * sh.pow(ri[i]!)) % FIXED_P);
  const t = proofTranscript('range-pedersen', c)
    .appendBigint('p', FIXED_P)
    .appendBigint('q', CURVE_ORDER)
    .appendBigint('g', FIXED_G)
    .appendBigint('h', FIXED_H)
    .appendBigint('Com', com);
  for (const [i, v] of cTilde.entries()) t.appendBigint(`cTilde${i}`, v);
  const e = t.challengeBytes('e', RANGE_REPS / 8);
  const bit = (i: number) => ((e[i >> 3]! >> (i & 7)) & 1) === 1;
  return {
    e,
    d: xi.map((v, i) => (bit(i) ? v + x : v)),
    f: ri.map((v, i) => (bit(i) ? (v + rho) % FIXED_ORDER : v)),
    cTilde,
  };
}
