import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/mpc/common/bytes.ts';
import { EcdsaSignP1 } from '../../../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../../../src/mpc/ecdsa/sign-p2.ts';
import { dealShares, parties, runPair, testPedersen } from './helpers.ts';

describe('ecdsa co-signature (dealt shares)', () => {
  it('signs and verifies', () => {
    const { p1, p2 } = dealShares();
    const ped = testPedersen();
    const digest = randomBytes(32);
    const pt = parties();
    const t0 = performance.now();
    const res = runPair(
      new EcdsaSignP1({ ...pt, share: p1, digest, pedersen: ped.enclave }),
      new EcdsaSignP2({ ...pt, share: p2, digest, pedersen: ped.client }),
    );
    console.log('sign ms', performance.now() - t0, 'bytes', res.bytes);
    expect(res.p1).toBeDefined();
    expect(res.p2?.bytes).toEqual(res.p1?.bytes);
    expect(secp256k1.verify(res.p2!.bytes, digest, p2.Q, { prehash: false })).toBe(true);
  });
});
