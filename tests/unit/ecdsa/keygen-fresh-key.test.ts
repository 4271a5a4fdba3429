import { describe, expect, it } from 'vitest';
import { EcdsaKeygenP1, EcdsaKeygenP2 } from '../../../src/mpc/ecdsa/keygen.ts';
import { precomputeKeyEncryption } from '../../../src/mpc/zk/key-encryption.ts';
import { parties, testPaillierKey } from './helpers.ts';

describe('keygen P1 takes its Paillier key late (freshKey)', () => {
  it('asks for the key once, only when P2 has answered, and uses it and its precomputation', () => {
    const pt = parties();
    const key = testPaillierKey(0);
    const pre = precomputeKeyEncryption(key);
    let taken = 0;
    const p1 = new EcdsaKeygenP1({
      ...pt,
      pairId: 'pair-f',
      freshKey: () => {
        taken++;
        return { key, keyProofPrecomputation: pre };
      },
    });
    const p2 = new EcdsaKeygenP2({ ...pt, pairId: 'pair-f' });
    const k1 = p1.start().out[0]!;
    p2.start();
    const k2 = p2.receive(k1).out[0]!;
    expect(taken).toBe(0);
    const step = p1.receive(k2);
    expect(taken).toBe(1);
    expect(pre.equal.used && pre.range.used && pre.pdl.used).toBe(true);
    expect(step.result!.paillierP * step.result!.paillierQ).toBe(key.n);
    expect(p2.receive(step.out[0]!).result?.Q).toEqual(step.result!.Q);
  });
});
