import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes.ts';
import { commit, verifyOpening } from './commitment.ts';
import { MpcError } from './errors.ts';

const b = { sid: new Uint8Array(32).fill(1), pid: utf8('enclave'), tag: 'ecdsa/sign/R1' };
const vals = [utf8('m'), new Uint8Array([1, 2, 3])];

function code(fn: () => void): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return e instanceof MpcError ? e.code : 'THROWN';
  }
}

describe('hash commitment', () => {
  it('opens with the same binding and values', () => {
    const c = commit(b, vals);
    expect(code(() => verifyOpening(b, c.commitment, vals, c.randomness))).toBe('OK');
  });
  it('refuses other values, randomness, session, party or tag', () => {
    const c = commit(b, vals);
    expect(
      code(() => verifyOpening(b, c.commitment, [utf8('m'), new Uint8Array([1, 2, 4])], c.randomness)),
    ).toBe('BAD_COMMITMENT');
    expect(code(() => verifyOpening(b, c.commitment, [utf8('m')], c.randomness))).toBe('BAD_COMMITMENT');
    // moving a byte across the value boundary must not collide (length prefixes)
    expect(
      code(() => verifyOpening(b, c.commitment, [utf8('m\u0001'), new Uint8Array([2, 3])], c.randomness)),
    ).toBe('BAD_COMMITMENT');
    const r = c.randomness.slice();
    r[0] = r[0]! ^ 1;
    expect(code(() => verifyOpening(b, c.commitment, vals, r))).toBe('BAD_COMMITMENT');
    expect(code(() => verifyOpening(b, c.commitment, vals, c.randomness.subarray(1)))).toBe('BAD_COMMITMENT');
    expect(
      code(() => verifyOpening({ ...b, sid: new Uint8Array(32) }, c.commitment, vals, c.randomness)),
    ).toBe('BAD_COMMITMENT');
    expect(code(() => verifyOpening({ ...b, pid: utf8('client') }, c.commitment, vals, c.randomness))).toBe(
      'BAD_COMMITMENT',
    );
    expect(code(() => verifyOpening({ ...b, tag: 'other' }, c.commitment, vals, c.randomness))).toBe(
      'BAD_COMMITMENT',
    );
  });
  it('uses fresh randomness each time', () => {
    expect(commit(b, vals).commitment).not.toEqual(commit(b, vals).commitment);
  });
});
