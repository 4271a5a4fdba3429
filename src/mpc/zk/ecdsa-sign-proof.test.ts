import { beforeAll, describe, expect, it } from 'vitest';
import { randomBelow, utf8 } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { encodePoint, G, modQ, q, randomScalar } from '../ecdsa/curve.ts';
import { paillierVerifierAccel } from '../ecdsa/sign-accel.ts';
import { FixedBaseExp, modPow, randomPrime } from '../math/index.ts';
import { PaillierPrivateKey } from '../paillier/index.ts';
import {
  CKEY_SHIFT,
  computeC3,
  type EcdsaSignProof,
  type EcdsaSignStatement,
  type EcdsaSignVerifierAccel,
  freshEncRandomness,
  makeEcdsaSignMasks,
  type PedersenBases,
  paillierEncryptWith,
  proveEcdsaSign,
  RHO_BOUND,
  verifyEcdsaSign,
} from './ecdsa-sign-proof.ts';
import { SingleUse } from './precomputed.ts';

const ctx = { sid: new Uint8Array(32).fill(9), pid: utf8('client'), aux: 'ecdsa/sign/c3' };

let trap: PaillierPrivateKey;
let pedP: bigint;
let NN: bigint;
let ped: PedersenBases;
let st: EcdsaSignStatement;
let proof: EcdsaSignProof;
let accel: EcdsaSignVerifierAccel;
let k2: bigint;
let x2: bigint;
let rho: bigint;
let rc: bigint;

function code(fn: () => void): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return e instanceof MpcError ? e.code : `THROWN ${String(e)}`;
  }
}

beforeAll(() => {
  trap = PaillierPrivateKey.fromPrimes(randomPrime(1024), randomPrime(1024));
  const N = trap.n;
  NN = N * N;
  pedP = randomPrime(1024);
  const nPed = pedP * randomPrime(1024);
  const h = modPow(randomBelow(nPed), 2n, nPed);
  ped = { n: nPed, h, g: modPow(h, randomBelow(nPed), nPed) };
  const x1 = randomScalar();
  x2 = randomScalar();
  const rKey = freshEncRandomness(N, NN);
  const cKey = paillierEncryptWith(N, NN, x1, rKey.rN);
  const cKeyShifted = (cKey * (1n + CKEY_SHIFT * N)) % NN;
  k2 = randomScalar();
  const R2 = G.multiply(k2);
  const R = R2.multiply(randomScalar());
  const r = modQ(R.x);
  const m = randomScalar();
  rho = randomBelow(RHO_BOUND);
  const enc = freshEncRandomness(N, NN);
  rc = enc.r;
  const c3 = computeC3({ N, cKeyShifted, m, r }, { k2, x2, rho, rc }, enc.rN);
  st = { N, cKeyShifted, c3, Q2: G.multiply(x2), R2, m, r };
  proof = proveEcdsaSign(ctx, ped, st, { k2, x2, rho, rc });
  accel = { paillier: paillierVerifierAccel(trap, cKeyShifted) };
  expect(accel.paillier.cKeyPlain).toBe(x1 + CKEY_SHIFT);
  expect(accel.paillier.cKeyRandomness).toBe(rKey.r);
  // c3 decrypts to k2⁻¹(m + r·x) + (multiple of q)
  const s = trap.decrypt(c3);
  expect(modQ(s)).toBe(modQ(modPow(k2, q - 2n, q) * (m + r * (x1 + x2))));
});

const both = (s: EcdsaSignStatement, p: EcdsaSignProof, c = ctx): [string, string] => [
  code(() => verifyEcdsaSign(c, ped, s, p)),
  code(() => verifyEcdsaSign(c, ped, s, p, accel)),
];

describe('c3 proof (zk_ecdsa_sign_2pc_integer_commit)', () => {
  it('accepts an honest proof on both verification paths', () => {
    expect(both(st, proof)).toEqual(['OK', 'OK']);
  });

  it('refuses a wrong m, r, c3, Q2, R2, session or party', () => {
    expect(both({ ...st, m: modQ(st.m + 1n) }, proof)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both({ ...st, r: modQ(st.r + 1n) }, proof)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    const c3b = (st.c3 * (1n + st.N)) % NN; // plaintext + 1
    expect(both({ ...st, c3: c3b }, proof)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both({ ...st, Q2: st.Q2.add(G) }, proof)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both({ ...st, R2: st.R2.add(G) }, proof)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both(st, proof, { ...ctx, sid: new Uint8Array(32) })).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both(st, proof, { ...ctx, pid: utf8('enclave') })).toEqual(['BAD_PROOF', 'BAD_PROOF']);
  });

  it('refuses tampered proof fields', () => {
    const fields = [
      'W1',
      'W2',
      'W3',
      'W1t',
      'W2t',
      'W3t',
      'Ct',
      'z1',
      'z2',
      'z3',
      's1',
      's2',
      's3',
      'u',
    ] as const;
    for (const f of fields) {
      const bad = { ...proof, [f]: proof[f] + 1n };
      const [a, b] = both(st, bad);
      expect(a, f).not.toBe('OK');
      expect(b, f).toBe(a);
    }
    expect(both(st, { ...proof, Gt: encodePoint(G) })).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both(st, { ...proof, Q2t: new Uint8Array(33) })).toEqual(['BAD_POINT', 'BAD_POINT']);
    // commitments that are not units mod n never satisfy the relation
    expect(both(st, { ...proof, W2: pedP })).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    expect(both(st, { ...proof, W2: 0n })).toEqual(['BAD_PROOF', 'BAD_PROOF']);
    // out-of-range responses are refused before any algebra
    expect(both(st, { ...proof, z1: -1n })[0]).toBe('BAD_PROOF');
    expect(both(st, { ...proof, s1: ped.n << 300n })[0]).toBe('BAD_PROOF');
  });

  it('refuses a c3 made with a different x2 even with an otherwise honest proof', () => {
    const enc = freshEncRandomness(st.N, NN);
    const other = modQ(x2 + 1n);
    const c3 = computeC3(st, { k2, x2: other, rho, rc: enc.r }, enc.rN);
    const pr = proveEcdsaSign(ctx, ped, { ...st, c3 }, { k2, x2: other, rho, rc: enc.r });
    expect(both({ ...st, c3 }, pr)).toEqual(['BAD_PROOF', 'BAD_PROOF']);
  });

  it('masks made ahead of time: the proof verifies, a set is used once, and only with its own ρ', () => {
    const tables = {
      gTable: new FixedBaseExp(ped.g, ped.n, 840),
      hTable: new FixedBaseExp(ped.h, ped.n, 1500),
    };
    const masks = makeEcdsaSignMasks(ped, tables);
    const enc = freshEncRandomness(st.N, NN);
    const wit = { k2, x2, rho: masks.rho, rc: enc.r };
    const c3 = computeC3(st, wit, enc.rN);
    const once = new SingleUse(masks);
    const pr = proveEcdsaSign(ctx, ped, { ...st, c3 }, wit, { ...tables, masks: once });
    expect(both({ ...st, c3 }, pr)).toEqual(['OK', 'OK']);
    expect([pr.W3, pr.W1t, pr.W2t, pr.W3t]).toEqual([masks.W3, masks.W1t, masks.W2t, masks.W3t]);
    expect(code(() => proveEcdsaSign(ctx, ped, { ...st, c3 }, wit, { masks: once }))).toBe('NONCE_REUSE');
    const other = new SingleUse(makeEcdsaSignMasks(ped));
    expect(code(() => proveEcdsaSign(ctx, ped, { ...st, c3 }, wit, { masks: other }))).toBe('INTERNAL');
  });
});
