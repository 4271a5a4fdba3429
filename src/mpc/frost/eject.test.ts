import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from '../common/codec.ts';
import { base58Encode } from './base58.ts';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { ED25519_SCALAR_LABEL, FrostEjectClient, FrostEjectEnclave, signWithEjectedScalar } from './eject.ts';
import type { WireFrame } from './session.ts';
import { expectRefusal, freshSid, keygenPair, runSessions, type Tamper, type TestPair } from './testing.ts';

const text = (s: string) => new TextEncoder().encode(s);
const enc = (b: Uint8Array) => base64urlEncode(b);

let k: TestPair;
beforeAll(() => {
  k = keygenPair('pair-e');
});

function eject(pair: Pick<TestPair, 'client' | 'enclave'> = k, tamper?: Tamper) {
  const sid = freshSid();
  const c = new FrostEjectClient({ sid, share: pair.client, suite: k.cs });
  const e = new FrostEjectEnclave({ sid, share: pair.enclave, suite: k.es });
  runSessions(c, e, tamper);
  return { c, e };
}

describe('FROST eject', () => {
  it('gives the scalar a with a·G = A, labelled as a scalar, in hex and base58; it signs', () => {
    const { c, e } = eject();
    const key = c.result();
    expect(e.result()).toEqual({ released: true, pairId: 'pair-e' });
    const a = ed25519.Point.Fn.fromBytes(key.scalar);
    expect(bytesToHex(ed25519.Point.BASE.multiply(a).toBytes())).toBe(bytesToHex(k.client.groupKey));
    expect(key.kind).toBe('ed25519-scalar');
    expect(key.label).toBe(ED25519_SCALAR_LABEL);
    expect(key.label).toContain('NOT an RFC 8032 seed');
    expect(key.scalarHex).toBe(bytesToHex(key.scalar));
    expect(hexToBytes(key.scalarHex)).toEqual(key.scalar);
    expect(key.scalarBase58).toBe(base58Encode(key.scalar));
    expect(key.address).toBe(base58Encode(k.client.groupKey));
    // A seed-based wallet would hash the bytes as a seed and land on another key.
    expect(ed25519.getPublicKey(key.scalar)).not.toEqual(k.client.groupKey);
    const m = text('after eject');
    const sig = signWithEjectedScalar(key, m);
    expect(ed25519.verify(sig, m, k.client.groupKey, { zip215: false })).toBe(true);
    expect(ed25519.verify(ed25519_FROST.sign(m, key.scalar), m, k.client.groupKey, { zip215: false })).toBe(
      true,
    );
  });

  it('a backup pair ejects to the same scalar', () => {
    const sid = freshSid();
    const c = new FrostDkgClient({ sid, pairId: 'backup', mode: 'backup', previous: k.client, suite: k.cs });
    const e = new FrostDkgEnclave({
      sid,
      pairId: 'backup',
      mode: 'backup',
      previous: k.enclave,
      suite: k.es,
    });
    runSessions(c, e);
    const fromBackup = eject({ client: c.result().share, enclave: e.result().share }).c.result();
    expect(fromBackup.scalarHex).toBe(eject().c.result().scalarHex);
  });

  it('the enclave refuses a proof made for another session (and never sends its share)', () => {
    const other = new FrostEjectClient({ sid: freshSid(), share: k.client });
    const [stale] = other.start() as [WireFrame];
    const sid = freshSid();
    const e = new FrostEjectEnclave({ sid, share: k.enclave });
    e.start();
    const forged = { ...stale, sid: enc(sid) };
    expectRefusal(() => e.receive(forged), 'BAD_PROOF', [k.enclave.signingShare, k.client.signingShare]);
    expect(e.aborted).toBe(true);
  });

  it('the enclave refuses a proof from a share of another pair', () => {
    const p = keygenPair('pair-x');
    expectRefusal(() => eject({ client: p.client, enclave: k.enclave }), 'BAD_PROOF', [
      k.enclave.signingShare,
    ]);
  });

  it('the client refuses an enclave share that does not match (no key is produced)', () => {
    const err = expectRefusal(
      () =>
        eject(k, (f, from) => {
          if (from === 'enclave') {
            const s = base64urlDecode(f.share as string);
            s[0] = s[0]! ^ 1;
            f.share = enc(s);
          }
          return f;
        }),
      'PUBLIC_KEY_MISMATCH',
      [k.client.signingShare, k.enclave.signingShare],
    );
    expect(err.message).toContain('enclave share');
  });
});
