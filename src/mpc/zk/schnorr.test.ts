import { describe, expect, it } from 'vitest';
import { utf8 } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { G, q, randomScalar } from '../ecdsa/curve.ts';
import { proveSchnorr, verifySchnorr } from './schnorr.ts';

const ctx = { sid: new Uint8Array(32).fill(7), pid: utf8('client-device-1'), aux: 'test/Q2' };

function code(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MpcError) return e.code;
    throw e;
  }
  return 'OK';
}

describe('schnorr proof of knowledge', () => {
  it('verifies an honest proof', () => {
    const x = randomScalar();
    const X = G.multiply(x);
    expect(code(() => verifySchnorr(ctx, X, proveSchnorr(ctx, x)))).toBe('OK');
  });

  it('refuses another statement, session, party or aux tag', () => {
    const x = randomScalar();
    const X = G.multiply(x);
    const pi = proveSchnorr(ctx, x);
    expect(code(() => verifySchnorr(ctx, X.add(G), pi))).toBe('BAD_PROOF');
    expect(code(() => verifySchnorr({ ...ctx, sid: new Uint8Array(32).fill(8) }, X, pi))).toBe('BAD_PROOF');
    expect(code(() => verifySchnorr({ ...ctx, pid: utf8('enclave') }, X, pi))).toBe('BAD_PROOF');
    expect(code(() => verifySchnorr({ ...ctx, aux: 'test/R2' }, X, pi))).toBe('BAD_PROOF');
  });

  it('refuses a forged response, an off-curve commitment and an out-of-range response', () => {
    const x = randomScalar();
    const X = G.multiply(x);
    const pi = proveSchnorr(ctx, x);
    expect(code(() => verifySchnorr(ctx, X, { ...pi, z: (pi.z + 1n) % q }))).toBe('BAD_PROOF');
    const bad = pi.A.slice();
    bad[5] = bad[5]! ^ 0xff;
    const c = code(() => verifySchnorr(ctx, X, { ...pi, A: bad }));
    expect(['BAD_POINT', 'BAD_PROOF']).toContain(c);
    expect(code(() => verifySchnorr(ctx, X, { ...pi, z: q }))).toBe('BAD_SCALAR');
    expect(code(() => verifySchnorr(ctx, X, { ...pi, A: new Uint8Array(33) }))).toBe('BAD_POINT');
  });
});
