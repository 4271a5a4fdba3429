import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/mpc/common/bytes.ts';
import { decodeText, encodeText } from '../../../src/mpc/common/codec.ts';
import { decodePoint, G, modQ } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaKeygenP1, EcdsaKeygenP2 } from '../../../src/mpc/ecdsa/keygen.ts';
import { ecdsaP1ShareSchema, ecdsaP2ShareSchema } from '../../../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1 } from '../../../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../../../src/mpc/ecdsa/sign-p2.ts';
import { parties, runPair, testPaillierKey, testPedersen } from './helpers.ts';

describe('ecdsa key generation', () => {
  it('produces matching shares that sign', () => {
    const pt = parties();
    const t0 = performance.now();
    const res = runPair(
      new EcdsaKeygenP1({ ...pt, pairId: 'pair-1', paillierKey: testPaillierKey() }),
      new EcdsaKeygenP2({ ...pt, pairId: 'pair-1' }),
    );
    console.log('keygen ms', performance.now() - t0, 'bytes', res.bytes);
    const s1 = res.p1!;
    const s2 = res.p2!;
    expect(s1.Q).toEqual(s2.Q);
    expect(G.multiply(modQ(s1.x1 + s2.x2)).equals(decodePoint(s1.Q, 'Q'))).toBe(true);
    // shares survive the codec
    const s1b = decodeText(ecdsaP1ShareSchema, encodeText(ecdsaP1ShareSchema, s1));
    const s2b = decodeText(ecdsaP2ShareSchema, encodeText(ecdsaP2ShareSchema, s2));
    const digest = randomBytes(32);
    const ped = testPedersen();
    const sp = parties();
    const sig = runPair(
      new EcdsaSignP1({ ...sp, share: s1b, digest, pedersen: ped.enclave }),
      new EcdsaSignP2({ ...sp, share: s2b, digest, pedersen: ped.client }),
    );
    expect(secp256k1.verify(sig.p2!.bytes, digest, s2.Q, { prehash: false })).toBe(true);
  });
});
