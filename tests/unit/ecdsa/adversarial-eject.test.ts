import { secp256k1 } from '@noble/curves/secp256k1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { G, q } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaEjectP1, EcdsaEjectP2 } from '../../../src/mpc/ecdsa/eject.ts';
import { EcdsaPairCheckP1, EcdsaPairCheckP2 } from '../../../src/mpc/ecdsa/pair-check.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { big, bytes, editFrame, expectRefusal, frameType, type Json, unbig } from './frames.ts';
import { dealShares, parties, runPair } from './helpers.ts';

let p1: EcdsaP1Share;
let p2: EcdsaP2Share;
let secrets: bigint[];

beforeAll(() => {
  const d = dealShares('pair-eject');
  p1 = d.p1;
  p2 = d.p2;
  secrets = [p1.x1, p2.x2, d.x];
});

const tamper = (t: string, edit: (o: Json) => void) => (f: string) =>
  frameType(f) === t ? editFrame(f, edit) : f;

function eject(tap?: (f: string) => string) {
  const pt = parties();
  return {
    run: () => runPair(new EcdsaEjectP1({ ...pt, share: p1 }), new EcdsaEjectP2({ ...pt, share: p2 }), tap),
  };
}

function check(tap?: (f: string) => string) {
  const pt = parties();
  return {
    run: () =>
      runPair(new EcdsaPairCheckP1({ ...pt, share: p1 }), new EcdsaPairCheckP2({ ...pt, share: p2 }), tap),
  };
}

describe('eject', () => {
  it('releases x1 only against a valid proof of x2 bound to this session', () => {
    expect(secp256k1.getPublicKey(eject().run().p2!.privateKey, true)).toEqual(p2.Q);
    expectRefusal(
      () =>
        eject(
          tamper('ecdsa.eject.1', (o) => ((o.pi as Json).z = big((unbig((o.pi as Json).z) + 1n) % q))),
        ).run(),
      'BAD_PROOF',
      secrets,
    );
    // a proof recorded in another eject session is refused in this one
    let recorded: string | undefined;
    eject((f) => {
      if (frameType(f) === 'ecdsa.eject.1') recorded = f;
      return f;
    }).run();
    expectRefusal(
      () =>
        eject((f) =>
          frameType(f) === 'ecdsa.eject.1'
            ? editFrame(recorded!, (o) => (o.sid = (JSON.parse(f) as Json).sid))
            : f,
        ).run(),
      'BAD_PROOF',
      secrets,
    );
  });

  it('the client refuses an enclave half that does not match Q1 (and never derives a key)', () => {
    expectRefusal(
      () => eject(tamper('ecdsa.eject.2', (o) => (o.x1 = big((unbig(o.x1) + 1n) % q)))).run(),
      'PUBLIC_KEY_MISMATCH',
      secrets,
    );
    expectRefusal(() => eject(tamper('ecdsa.eject.2', (o) => (o.x1 = big(0n)))).run(), 'BAD_SCALAR', secrets);
    expectRefusal(() => eject(tamper('ecdsa.eject.2', (o) => (o.x1 = big(q)))).run(), 'BAD_SCALAR', secrets);
  });
});

describe('pair check', () => {
  it('refuses forged proofs and public values that differ from the stored ones', () => {
    expect(check().run().p2).toEqual({ ok: true });
    expectRefusal(
      () => check(tamper('ecdsa.paircheck.2', (o) => ((o.pi1 as Json).z = big(1n)))).run(),
      'BAD_PROOF',
      secrets,
    );
    expectRefusal(
      () => check(tamper('ecdsa.paircheck.1', (o) => ((o.pi2 as Json).z = big(1n)))).run(),
      'BAD_PROOF',
      secrets,
    );
    expectRefusal(
      () => check(tamper('ecdsa.paircheck.2', (o) => (o.Q1 = bytes(G.multiply(9n).toBytes(true))))).run(),
      'PUBLIC_KEY_MISMATCH',
      secrets,
    );
    expectRefusal(
      () => check(tamper('ecdsa.paircheck.1', (o) => (o.Q2 = bytes(G.multiply(9n).toBytes(true))))).run(),
      'PUBLIC_KEY_MISMATCH',
      secrets,
    );
  });
});
