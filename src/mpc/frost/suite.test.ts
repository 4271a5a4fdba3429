import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, ENCLAVE_ID, SIGNERS } from './roles.ts';
import { createFrostSuite } from './suite.ts';
import { expectRefusal, IDENTITY, NEGATIVE_ZERO_X, NONCANONICAL, ORDER8, torsioned } from './testing.ts';

const G = ed25519.Point.BASE;

describe('FROST suite', () => {
  it('is byte-compatible with noble ed25519_FROST', () => {
    const suite = createFrostSuite();
    const f = suite.frost;
    // DKG packages made by one implementation are accepted by the other.
    const a = f.DKG.round1(CLIENT_ID, SIGNERS);
    const b = ed25519_FROST.DKG.round1(ENCLAVE_ID, SIGNERS);
    const a2 = f.DKG.round2(a.secret, [b.public]);
    const b2 = ed25519_FROST.DKG.round2(b.secret, [a.public]);
    const ka = f.DKG.round3(a.secret, [b.public], [b2[CLIENT_ID]!]);
    const kb = ed25519_FROST.DKG.round3(b.secret, [a.public], [a2[ENCLAVE_ID]!]);
    expect(bytesToHex(ka.public.commitments[0]!)).toBe(bytesToHex(kb.public.commitments[0]!));
    const msg = new TextEncoder().encode('interop');
    const na = f.commit(ka.secret);
    const nb = ed25519_FROST.commit(kb.secret);
    const list = [na.commitments, nb.commitments];
    const za = f.signShare(ka.secret, ka.public, na.nonces, list, msg);
    const zb = ed25519_FROST.signShare(kb.secret, kb.public, nb.nonces, list, msg);
    expect(ed25519_FROST.verifyShare(kb.public, list, msg, CLIENT_ID, za)).toBe(true);
    expect(f.verifyShare(ka.public, list, msg, ENCLAVE_ID, zb)).toBe(true);
    const s1 = f.aggregate(ka.public, list, msg, { [CLIENT_ID]: za, [ENCLAVE_ID]: zb });
    const s2 = ed25519_FROST.aggregate(kb.public, list, msg, { [CLIENT_ID]: za, [ENCLAVE_ID]: zb });
    expect(bytesToHex(s1)).toBe(bytesToHex(s2));
    expect(ed25519.verify(s1, msg, ka.public.commitments[0]!, { zip215: false })).toBe(true);
  });

  it('accepts a valid point and remembers it without weakening later checks', () => {
    const suite = createFrostSuite();
    const p = G.multiply(12345n).toBytes();
    expect(bytesToHex(suite.point(p, 'p').toBytes())).toBe(bytesToHex(p));
    expect(bytesToHex(suite.point(p, 'p').toBytes())).toBe(bytesToHex(p));
    const t = torsioned();
    for (let i = 0; i < 2; i++) expectRefusal(() => suite.point(t, 'x'), 'BAD_POINT');
    // The library's own parser, through the remembering point class, still refuses torsion.
    const bad = suite.frost.DKG.round1(CLIENT_ID, SIGNERS);
    const forged = { ...bad.public, identifier: ENCLAVE_ID, commitment: [t, bad.public.commitment[1]!] };
    const mine = suite.frost.DKG.round1(CLIENT_ID, SIGNERS);
    expect(() => suite.frost.DKG.round2(mine.secret, [forged])).toThrow();
    // Nor does the library's handling of the identity or a non-canonical encoding leave a trace.
    for (const bad of [IDENTITY, NONCANONICAL, NEGATIVE_ZERO_X]) {
      const again = suite.frost.DKG.round1(CLIENT_ID, SIGNERS);
      const withBad = { ...forged, commitment: [bad, bad] };
      expect(() => suite.frost.DKG.round2(again.secret, [withBad])).toThrow();
      expect(() => suite.frost.verify(new Uint8Array(64), new Uint8Array(1), bad)).toThrow();
      expectRefusal(() => suite.point(bad, 'x'), 'BAD_POINT');
    }
    // Our own nonce commitments are trusted without a torsion check, and still decode to themselves.
    const own = G.multiply(987654321n).toBytes();
    suite.trust(own);
    expect(suite.point(own, 'own').equals(G.multiply(987654321n))).toBe(true);
  });

  for (const memory of [true, false]) {
    it(`refuses identity, small-order, torsioned, non-canonical and off-curve points (memory ${memory})`, () => {
      const suite = createFrostSuite({ memory });
      expectRefusal(() => suite.point(IDENTITY, 'x'), 'BAD_POINT');
      expectRefusal(() => suite.point(ORDER8, 'x'), 'BAD_POINT');
      expectRefusal(
        () => suite.point(G.multiply(3n).add(ed25519.Point.fromBytes(ORDER8)).toBytes(), 'x'),
        'BAD_POINT',
      );
      expectRefusal(() => suite.point(torsioned(), 'x'), 'BAD_POINT');
      expectRefusal(() => suite.point(NONCANONICAL, 'x'), 'BAD_POINT');
      expectRefusal(() => suite.point(NEGATIVE_ZERO_X, 'x'), 'BAD_POINT');
      // y = 2 is not the y of any curve point.
      expectRefusal(() => suite.point(hexToBytes(`02${'00'.repeat(31)}`), 'x'), 'BAD_POINT');
      expectRefusal(() => suite.point(new Uint8Array(31), 'x'), 'BAD_POINT');
      expect(suite.point(G.toBytes(), 'G').equals(G)).toBe(true);
    });
  }

  it('small-order test vectors are what they claim', () => {
    expect(ed25519.Point.fromBytes(ORDER8).isSmallOrder()).toBe(true);
    expect(ed25519.Point.fromBytes(ORDER8).is0()).toBe(false);
    const t = ed25519.Point.fromBytes(torsioned());
    expect(t.isSmallOrder()).toBe(false);
    expect(t.isTorsionFree()).toBe(false);
    expect(() => ed25519.Point.fromBytes(NONCANONICAL)).toThrow();
  });
});
