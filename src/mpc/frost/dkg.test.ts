import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from '../common/codec.ts';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { ENCLAVE_ID, LAMBDA, SIGNERS } from './roles.ts';
import type { WireFrame } from './session.ts';
import { checkFrostShare, type FrostClientShare, type FrostEnclaveShare } from './share.ts';
import { createFrostSuite } from './suite.ts';
import {
  cosign,
  expectRefusal,
  freshSid,
  keygenPair,
  NONCANONICAL,
  ORDER8,
  runSessions,
  type Tamper,
  type TestPair,
  torsioned,
} from './testing.ts';

const enc = (b: Uint8Array) => base64urlEncode(b);
const dec = (v: unknown) => base64urlDecode(v as string);
const msg = (s: string) => new TextEncoder().encode(s);
const verify = (sig: Uint8Array, m: Uint8Array, pub: Uint8Array) =>
  ed25519.verify(sig, m, pub, { zip215: false });

function refreshPair(k: TestPair, mode: 'refresh' | 'backup', pairId: string, tamper?: Tamper) {
  const sid = freshSid();
  const c = new FrostDkgClient({ sid, pairId, mode, previous: k.client, suite: k.cs });
  const e = new FrostDkgEnclave({ sid, pairId, mode, previous: k.enclave, suite: k.es });
  runSessions(c, e, tamper);
  return { client: c.result().share, enclave: e.result().share, c, e };
}

/** Run a keygen with one frame rewritten; returns both machines (one of them refused). */
function keygenWith(tamper: Tamper) {
  const sid = freshSid();
  const c = new FrostDkgClient({ sid, pairId: 'p', mode: 'keygen', suite: createFrostSuite() });
  const e = new FrostDkgEnclave({ sid, pairId: 'p', mode: 'keygen', suite: createFrostSuite() });
  return { c, e, run: () => runSessions(c, e, tamper) };
}

/** A different, valid round-1 package for the given identifier (valid proof, unrelated secret). */
function otherRound1(id: string) {
  return ed25519_FROST.DKG.round1(id, SIGNERS).public;
}

describe('FROST DKG (honest)', () => {
  it('keygen: both parties agree on the group key and hold consistent shares', () => {
    const k = keygenPair();
    expect(k.client.groupKey).toEqual(k.enclave.groupKey);
    expect(k.client.verifyingShares).toEqual(k.enclave.verifyingShares);
    checkFrostShare(k.client, k.cs);
    checkFrostShare(k.enclave, k.es);
    expect(ed25519.Point.fromBytes(k.client.groupKey).isTorsionFree()).toBe(true);
  });

  it('refresh keeps the group key, changes both shares, and the new pair signs', () => {
    const k = keygenPair('old');
    const r = refreshPair(k, 'refresh', 'new');
    expect(r.client.groupKey).toEqual(k.client.groupKey);
    expect(r.client.pairId).toBe('new');
    expect(r.c.result().previousPairId).toBe('old');
    expect(r.client.signingShare).not.toEqual(k.client.signingShare);
    expect(r.enclave.signingShare).not.toEqual(k.enclave.signingShare);
    expect(r.client.verifyingShares.client).not.toEqual(k.client.verifyingShares.client);
    const m = msg('after refresh');
    expect(verify(cosign(r.client, r.enclave, m, k), m, k.client.groupKey)).toBe(true);
  });

  it('backup pair keeps the old pair working and both pairs sign; chained refreshes keep the key', () => {
    const k = keygenPair('signing');
    const b = refreshPair(k, 'backup', 'backup-1');
    expect(b.c.result().mode).toBe('backup');
    expect(b.client.groupKey).toEqual(k.client.groupKey);
    const m = msg('both pairs');
    expect(verify(cosign(k.client, k.enclave, m, k), m, k.client.groupKey)).toBe(true);
    expect(verify(cosign(b.client, b.enclave, m, k), m, k.client.groupKey)).toBe(true);
    // Recovery: a refresh from the backup pair into a new signing pair, keeping the backup pair.
    const r = refreshPair({ ...k, client: b.client, enclave: b.enclave }, 'backup', 'signing-2');
    expect(r.client.groupKey).toEqual(k.client.groupKey);
    expect(verify(cosign(r.client, r.enclave, m, k), m, k.client.groupKey)).toBe(true);
  });

  it('shares of different pairs never combine', () => {
    const k = keygenPair('old');
    const r = refreshPair(k, 'refresh', 'new');
    const a = (c: FrostClientShare, e: FrostEnclaveShare) =>
      ed25519_FROST.combineSecret(
        [
          { identifier: ed25519_FROST.Identifier.fromNumber(1), signingShare: c.signingShare },
          { identifier: ENCLAVE_ID, signingShare: e.signingShare },
        ],
        SIGNERS,
      );
    const G = ed25519.Point.BASE;
    const A = ed25519.Point.fromBytes(k.client.groupKey);
    const le = (b: Uint8Array) => ed25519.Point.Fn.fromBytes(b);
    expect(G.multiply(le(a(k.client, k.enclave))).equals(A)).toBe(true);
    expect(G.multiply(le(a(r.client, r.enclave))).equals(A)).toBe(true);
    expect(G.multiply(le(a(k.client, r.enclave))).equals(A)).toBe(false);
    expect(G.multiply(le(a(r.client, k.enclave))).equals(A)).toBe(false);
    // A co-signature across pairs fails and the enclave's share is named.
    const err = expectRefusal(() => cosign(k.client, r.enclave, msg('x'), k), 'BAD_SIGNATURE', [
      k.client.signingShare,
      r.enclave.signingShare,
    ]);
    expect(err.message).toContain('enclave');
  });

  it('the λ coefficients interpolate the identifiers {1, 2} at zero', () => {
    const Fn = ed25519.Point.Fn;
    // λ₁·1⁰ + λ₂·1⁰ = 1 and λ₁·1 + λ₂·2 = 0: p(0) = λ₁·p(1) + λ₂·p(2) for every line p.
    expect(Fn.add(LAMBDA.client, LAMBDA.enclave)).toBe(1n);
    expect(Fn.add(LAMBDA.client, Fn.mul(LAMBDA.enclave, 2n))).toBe(0n);
  });
});

describe('FROST DKG (adversarial)', () => {
  it('refuses an enclave round-1 proof that does not verify', () => {
    const t = keygenWith((f, from) => {
      if (from === 'enclave' && f.t === 'frost.keygen.2') {
        const other = otherRound1(ENCLAVE_ID);
        f.proof = enc(other.proofOfKnowledge);
      }
      return f;
    });
    expectRefusal(t.run, 'BAD_PROOF');
    expect(t.c.aborted).toBe(true);
  });

  it('refuses a client round-1 commitment that its proof does not cover', () => {
    const t = keygenWith((f, from) => {
      if (from === 'client' && f.t === 'frost.keygen.1') {
        const other = otherRound1(ed25519_FROST.Identifier.fromNumber(1));
        (f.commitment as string[])[0] = enc(other.commitment[0]!);
      }
      return f;
    });
    expectRefusal(t.run, 'BAD_PROOF');
    expect(t.e.aborted).toBe(true);
  });

  it('refuses a DKG share that does not match the commitment (both directions)', () => {
    for (const side of ['client', 'enclave'] as const) {
      const t = keygenWith((f, from) => {
        if (from === side && (f.t === 'frost.keygen.2' || f.t === 'frost.keygen.3')) {
          const s = dec(f.share);
          s[0] = s[0]! ^ 1;
          f.share = enc(s);
        }
        return f;
      });
      expectRefusal(t.run, 'BAD_PROOF');
    }
  });

  it('refuses a swapped higher-degree commitment (share no longer matches)', () => {
    const t = keygenWith((f, from) => {
      if (from === 'enclave' && f.t === 'frost.keygen.2') {
        (f.commitment as string[])[1] = enc(ed25519.Point.BASE.multiply(7n).toBytes());
      }
      return f;
    });
    expectRefusal(t.run, 'BAD_PROOF');
  });

  it('refuses small-order, torsioned and non-canonical commitment points', () => {
    for (const bad of [ORDER8, torsioned(), NONCANONICAL]) {
      for (const idx of [0, 1]) {
        const t = keygenWith((f, from) => {
          if (from === 'client' && f.t === 'frost.keygen.1') (f.commitment as string[])[idx] = enc(bad);
          return f;
        });
        expectRefusal(t.run, 'BAD_POINT');
      }
    }
    const t = keygenWith((f, from) => {
      if (from === 'enclave' && f.t === 'frost.keygen.2') {
        const p = dec(f.proof);
        p.set(ORDER8, 0);
        f.proof = enc(p);
      }
      return f;
    });
    expectRefusal(t.run, 'BAD_POINT');
  });

  it('refuses out-of-range scalars in shares and proofs', () => {
    const q = new Uint8Array(32);
    let n = ed25519.Point.Fn.ORDER;
    for (let i = 0; i < 32; i++, n >>= 8n) q[i] = Number(n & 255n);
    const t = keygenWith((f, from) => {
      if (from === 'enclave' && f.t === 'frost.keygen.2') f.share = enc(q);
      return f;
    });
    expectRefusal(t.run, 'BAD_SCALAR');
    const u = keygenWith((f, from) => {
      if (from === 'client' && f.t === 'frost.keygen.1') {
        const p = dec(f.proof);
        p.set(q, 32);
        f.proof = enc(p);
      }
      return f;
    });
    expectRefusal(u.run, 'BAD_SCALAR');
  });

  it('refuses a different public package in the confirmation', () => {
    const t = keygenWith((f, from) => {
      if (from === 'enclave' && f.t === 'frost.keygen.4') f.groupKey = enc(ed25519.Point.BASE.toBytes());
      return f;
    });
    expectRefusal(t.run, 'PUBLIC_KEY_MISMATCH');
    expect(t.c.aborted).toBe(true);
  });

  it('refuses replayed, cross-session, wrong-round and wrong-version frames', () => {
    const sid = freshSid();
    const c = new FrostDkgClient({ sid, pairId: 'p', mode: 'keygen' });
    const e = new FrostDkgEnclave({ sid, pairId: 'p', mode: 'keygen' });
    e.start();
    const [f1] = c.start() as [WireFrame];
    const [f2] = e.receive(f1) as [WireFrame];
    // Replay of round 1 after the enclave moved on.
    expectRefusal(() => e.receive(f1), 'UNEXPECTED_MESSAGE');
    expect(e.aborted).toBe(true);
    expectRefusal(() => e.receive(f1), 'INVALID_STATE');

    // A frame of another session.
    const c2 = new FrostDkgClient({ sid: freshSid(), pairId: 'p', mode: 'keygen' });
    c2.start();
    expectRefusal(() => c2.receive(f2), 'SESSION_MISMATCH');

    // Right type, wrong round; wrong version; a keygen frame fed to a refresh.
    const c3 = new FrostDkgClient({ sid, pairId: 'p', mode: 'keygen' });
    c3.start();
    expectRefusal(() => c3.receive({ ...f2, round: 3 }), 'SESSION_MISMATCH');
    const c4 = new FrostDkgClient({ sid, pairId: 'p', mode: 'keygen' });
    c4.start();
    expectRefusal(() => c4.receive({ ...f2, v: 2 }), 'MALFORMED_MESSAGE');
    const k = keygenPair();
    const r = new FrostDkgEnclave({ sid, pairId: 'new', mode: 'refresh', previous: k.enclave });
    r.start();
    expectRefusal(() => r.receive(f1), 'UNEXPECTED_MESSAGE');
  });

  it('refresh: refuses a peer whose new constant commitment is not λ·Y (either side)', () => {
    const k = keygenPair('old');
    // The enclave answers with a fresh random polynomial instead of λ₂·s₂.
    expectRefusal(
      () =>
        refreshPair(k, 'refresh', 'new', (f, from) => {
          if (from === 'enclave' && f.t === 'frost.refresh.2') {
            const other = otherRound1(ENCLAVE_ID);
            f.commitment = other.commitment.map(enc);
            f.proof = enc(other.proofOfKnowledge);
          }
          return f;
        }),
      'BAD_COMMITMENT',
    );
    expectRefusal(
      () =>
        refreshPair(k, 'refresh', 'new', (f, from) => {
          if (from === 'client' && f.t === 'frost.refresh.1') {
            const other = otherRound1(ed25519_FROST.Identifier.fromNumber(1));
            f.commitment = other.commitment.map(enc);
            f.proof = enc(other.proofOfKnowledge);
          }
          return f;
        }),
      'BAD_COMMITMENT',
    );
  });

  it('refresh refuses a previous share of the wrong role, the same pair id, or an inconsistent share', () => {
    const k = keygenPair('old');
    const sid = freshSid();
    expectRefusal(
      () => new FrostDkgClient({ sid, pairId: 'old', mode: 'refresh', previous: k.client }),
      'INVALID_STATE',
    );
    const broken = { ...k.client, signingShare: k.enclave.signingShare };
    expectRefusal(
      () => new FrostDkgClient({ sid, pairId: 'new', mode: 'refresh', previous: broken }),
      'PUBLIC_KEY_MISMATCH',
      [k.client.signingShare, k.enclave.signingShare],
    );
  });
});
