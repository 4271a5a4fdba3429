import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/mpc/common/bytes.ts';
import { q } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaP2Precompute } from '../../../src/mpc/ecdsa/precompute.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1 } from '../../../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../../../src/mpc/ecdsa/sign-p2.ts';
import { PaillierPrivateKey } from '../../../src/mpc/paillier/index.ts';
import { editFrame, expectRefusal, frameType, type Json, unbig } from './frames.ts';
import { dealShares, parties, runPair, testPedersen } from './helpers.ts';

let p1: EcdsaP1Share;
let p2: EcdsaP2Share;

beforeAll(() => {
  const d = dealShares('pair-session');
  p1 = d.p1;
  p2 = d.p2;
});

function pair(pt = parties(), digest = randomBytes(32)) {
  const ped = testPedersen();
  return {
    s1: new EcdsaSignP1({ ...pt, share: p1, digest, pedersen: ped.enclave }),
    s2: new EcdsaSignP2({ ...pt, share: p2, digest, pedersen: ped.client }),
  };
}

describe('session rules (SPEC §5.3 items 8 and 10)', () => {
  it('a session object never starts twice (NONCE_REUSE) and is dead after an abort (INVALID_STATE)', () => {
    const { s1, s2 } = pair();
    const m1 = s1.start().out[0]!;
    expectRefusal(() => s1.start(), 'NONCE_REUSE', [p1.x1]);
    s2.start();
    expectRefusal(() => s2.start(), 'NONCE_REUSE', [p2.x2]);
    const m2 = s2.receive(m1).out[0]!;
    // abort P1 with a malformed frame, then even the right frame is refused
    expectRefusal(() => s1.receive('not json'), 'MALFORMED_MESSAGE', [p1.x1]);
    expect(s1.state).toBe('aborted');
    expect((s1 as unknown as { k1: bigint }).k1).toBe(0n);
    expectRefusal(() => s1.receive(m2), 'INVALID_STATE', []);
    expectRefusal(() => s1.start(), 'NONCE_REUSE', []);
    // P2 aborted the same way wipes its nonce
    const k2 = (s2 as unknown as { k2: bigint }).k2;
    expect(k2).not.toBe(0n);
    expectRefusal(() => s2.receive(m1), 'UNEXPECTED_MESSAGE', [p2.x2, k2]);
    expect((s2 as unknown as { k2: bigint }).k2).toBe(0n);
    expectRefusal(() => s2.receive(m1), 'INVALID_STATE', []);
  });

  it("the client's precomputation only serves the share and parameters it was made for", () => {
    const other = dealShares('pair-other-pre');
    const ped = testPedersen();
    const pre = new EcdsaP2Precompute(other.p2, ped.client);
    const pt = parties();
    expectRefusal(
      () =>
        new EcdsaSignP2({ ...pt, share: p2, digest: randomBytes(32), pedersen: ped.client, precompute: pre }),
      'INVALID_STATE',
      [p2.x2],
    );
  });

  it('receive before start is refused', () => {
    const { s1, s2 } = pair();
    const m1 = s1.start().out[0]!;
    expectRefusal(() => s2.receive(m1), 'INVALID_STATE', []);
  });

  it('replayed, out-of-order and cross-session frames are refused', () => {
    // replay of msg 2 to P1 after it moved on
    {
      const { s1, s2 } = pair();
      s2.start();
      const m2 = s2.receive(s1.start().out[0]!).out[0]!;
      s1.receive(m2);
      expectRefusal(() => s1.receive(m2), 'UNEXPECTED_MESSAGE', [p1.x1]);
    }
    // msg 3 before msg 1
    {
      const b = pair();
      b.s1.start();
      b.s2.start();
      let m3: string | undefined;
      const c = pair();
      runPair(c.s1, c.s2, (f) => {
        if (frameType(f) === 'ecdsa.sign.3') m3 = f;
        return f;
      });
      expectRefusal(() => b.s2.receive(m3!), 'UNEXPECTED_MESSAGE', [p2.x2]);
    }
    // a frame of another session, right type
    {
      const a = pair();
      const b = pair();
      const m1a = a.s1.start().out[0]!;
      b.s1.start();
      b.s2.start();
      expectRefusal(() => b.s2.receive(m1a), 'SESSION_MISMATCH', [p2.x2]);
    }
    // a frame from a different protocol
    {
      const { s2 } = pair();
      s2.start();
      const fake = JSON.stringify({ v: 1, t: 'ecdsa.keygen.1', sid: 'x' });
      expectRefusal(() => s2.receive(fake), 'UNEXPECTED_MESSAGE', []);
    }
    // a version this build does not speak
    {
      const { s1, s2 } = pair();
      s2.start();
      const m1 = editFrame(s1.start().out[0]!, (o) => (o.v = 2));
      expectRefusal(() => s2.receive(m1), 'MALFORMED_MESSAGE', []);
    }
  });

  it('§5.3.8/9 nonces and encryption randomness are fresh in every session', () => {
    const pt = parties();
    const digest = randomBytes(32);
    const seen = {
      R1: new Set<string>(),
      R2: new Set<string>(),
      c3: new Set<string>(),
      sig: new Set<string>(),
    };
    for (let i = 0; i < 2; i++) {
      // same share, same digest, even the same session id: nothing repeats
      const { s1, s2 } = pair(pt, digest);
      const res = runPair(s1, s2, (f) => {
        const o = JSON.parse(f) as Json;
        if (o.t === 'ecdsa.sign.3') seen.R1.add(o.R1 as string);
        if (o.t === 'ecdsa.sign.2') seen.R2.add(o.R2 as string);
        if (o.t === 'ecdsa.sign.4') seen.c3.add(o.c3 as string);
        return f;
      });
      seen.sig.add(String(res.p2!.r));
    }
    expect(seen.R1.size).toBe(2);
    expect(seen.R2.size).toBe(2);
    expect(seen.c3.size).toBe(2);
    expect(seen.sig.size).toBe(2);
  });

  it('§5.3.9 c3 carries a full-size mask ρ·q (its plaintext exceeds q³)', () => {
    const { s1, s2 } = pair();
    let c3 = 0n;
    runPair(s1, s2, (f) => {
      const o = JSON.parse(f) as Json;
      if (o.t === 'ecdsa.sign.4') c3 = unbig(o.c3);
      return f;
    });
    const key = (s1 as unknown as { opts: { share: EcdsaP1Share } }).opts.share;
    const m = PaillierPrivateKey.fromPrimes(key.paillierP, key.paillierQ).decrypt(c3);
    // ρ is uniform below q²·2^128, so ρ·q < q³·2^128; below q³/2^10 with probability 2^-138
    expect(m > (q ** 3n) >> 10n).toBe(true);
    expect(m < (q ** 3n) << 130n).toBe(true);
  });
});
