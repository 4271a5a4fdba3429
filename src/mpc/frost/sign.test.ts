import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../common/bytes.ts';
import { base64urlDecode, base64urlEncode } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { base58Encode } from './base58.ts';
import type { WireFrame } from './session.ts';
import { FrostSignClient, FrostSignEnclave } from './sign.ts';
import {
  cosign,
  expectRefusal,
  freshSid,
  IDENTITY,
  keygenPair,
  NONCANONICAL,
  ORDER8,
  runSessions,
  type TestPair,
  torsioned,
} from './testing.ts';

const enc = (b: Uint8Array) => base64urlEncode(b);
const dec = (v: unknown) => base64urlDecode(v as string);
const text = (s: string) => new TextEncoder().encode(s);
const strict = (sig: Uint8Array, m: Uint8Array, pub: Uint8Array) =>
  ed25519.verify(sig, m, pub, { zip215: false });

/** An independent verifier: WebCrypto's Ed25519 (OpenSSL underneath in Node). */
async function webcryptoVerify(sig: Uint8Array, m: Uint8Array, pub: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(pub), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(sig), new Uint8Array(m));
}

/** A Solana legacy transaction message (a system transfer), which is just bytes to sign. */
function solanaTransferMessage(payer: Uint8Array, to: Uint8Array, lamports: bigint): Uint8Array {
  const systemProgram = new Uint8Array(32);
  const data = new Uint8Array(12);
  const dv = new DataView(data.buffer);
  dv.setUint32(0, 2, true); // SystemInstruction::Transfer
  dv.setBigUint64(4, lamports, true);
  return Uint8Array.from([
    1,
    0,
    1, // header: 1 signature, 0 read-only signed, 1 read-only unsigned
    3,
    ...payer,
    ...to,
    ...systemProgram, // compact-u16 account count + keys
    ...randomBytes(32), // recent blockhash
    1,
    2,
    2,
    0,
    1,
    data.length,
    ...data, // one instruction: program 2, accounts [0, 1], data
  ]);
}

let k: TestPair;
beforeAll(() => {
  k = keygenPair();
});

function session(message: Uint8Array, sid = freshSid()) {
  const c = new FrostSignClient({ sid, share: k.client, message, suite: k.cs });
  const e = new FrostSignEnclave({ sid, share: k.enclave, suite: k.es });
  return { c, e };
}

describe('FROST co-signing (honest)', () => {
  it('signs 100 messages that verify strictly', async () => {
    for (let i = 0; i < 100; i++) {
      const m = text(`message ${i}`);
      const sig = cosign(k.client, k.enclave, m, k);
      expect(strict(sig, m, k.client.groupKey)).toBe(true);
      if (i % 25 === 0) expect(await webcryptoVerify(sig, m, k.client.groupKey)).toBe(true);
    }
  });

  it('signs a Solana-style transaction message and an empty message', async () => {
    const m = solanaTransferMessage(k.client.groupKey, randomBytes(32), 1_000_000n);
    const sig = cosign(k.client, k.enclave, m, k);
    expect(strict(sig, m, k.client.groupKey)).toBe(true);
    expect(await webcryptoVerify(sig, m, k.client.groupKey)).toBe(true);
    expect(base58Encode(k.client.groupKey)).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    const empty = new Uint8Array(0);
    expect(strict(cosign(k.client, k.enclave, empty, k), empty, k.client.groupKey)).toBe(true);
  });

  it('the enclave reports the message it co-signed', () => {
    const m = text('policy');
    const { c, e } = session(m);
    const [f1] = c.start() as [WireFrame];
    e.start();
    c.receive(e.receive(f1)[0]);
    expect(e.result().message).toEqual(m);
    expect(c.result().publicKey).toEqual(k.client.groupKey);
  });
});

describe('FROST co-signing (adversarial)', () => {
  const secrets = () => [k.client.signingShare, k.enclave.signingShare];

  it('a bad enclave signature share is refused and the enclave is named', () => {
    const err = expectRefusal(
      () =>
        cosign(k.client, k.enclave, text('x'), k, (f, from) => {
          if (from === 'enclave') {
            const z = dec(f.share);
            z[0] = z[0]! ^ 1;
            f.share = enc(z);
          }
          return f;
        }),
      'BAD_SIGNATURE',
      secrets(),
    );
    expect(err.message).toContain('culprit: enclave');
  });

  it('a message changed in flight makes the enclave share fail (enclave named)', () => {
    const err = expectRefusal(
      () =>
        cosign(k.client, k.enclave, text('pay 1'), k, (f, from) => {
          if (from === 'client') f.message = enc(text('pay 1000'));
          return f;
        }),
      'BAD_SIGNATURE',
      secrets(),
    );
    expect(err.message).toContain('enclave');
  });

  it('refuses small-order, identity, torsioned and non-canonical nonce commitments (both ways)', () => {
    for (const bad of [ORDER8, IDENTITY, torsioned(), NONCANONICAL]) {
      for (const field of ['hiding', 'binding'] as const) {
        for (const side of ['client', 'enclave'] as const) {
          const { c, e } = session(text('x'));
          const [f1] = c.start() as [WireFrame];
          e.start();
          if (side === 'client') {
            expectRefusal(() => e.receive({ ...f1, [field]: enc(bad) }), 'BAD_POINT', secrets());
          } else {
            const [f2] = e.receive(f1) as [WireFrame];
            expectRefusal(() => c.receive({ ...f2, [field]: enc(bad) }), 'BAD_POINT', secrets());
          }
        }
      }
    }
  });

  it('refuses an out-of-range signature share and malformed frames', () => {
    const q = ed25519.Point.Fn.toBytes(ed25519.Point.Fn.ORDER - 1n);
    q[0] = q[0]! + 1; // the order itself, little-endian
    const { c, e } = session(text('x'));
    const [f1] = c.start() as [WireFrame];
    e.start();
    const [f2] = e.receive(f1) as [WireFrame];
    expectRefusal(() => c.receive({ ...f2, share: enc(q) }), 'BAD_SCALAR', secrets());

    const s2 = session(text('x'));
    const [g1] = s2.c.start() as [WireFrame];
    s2.e.start();
    expectRefusal(() => s2.e.receive({ ...g1, extra: 1 }), 'MALFORMED_MESSAGE');
    const s3 = session(text('x'));
    s3.e.start();
    expectRefusal(() => s3.e.receive({ ...g1, sid: s3.e.sid.length }), 'MALFORMED_MESSAGE');
    const s4 = session(text('x'));
    const [h1] = s4.c.start() as [WireFrame];
    s4.e.start();
    expectRefusal(() => s4.e.receive({ ...h1, message: enc(new Uint8Array(65537)) }), 'MALFORMED_MESSAGE');
    expectRefusal(
      () => new FrostSignClient({ sid: freshSid(), share: k.client, message: new Uint8Array(65537) }),
      'INVALID_STATE',
    );
  });

  it('nonce reuse: the enclave never answers twice in a session, the client never signs twice', () => {
    const { c, e } = session(text('first'));
    const [f1] = c.start() as [WireFrame];
    e.start();
    const [f2] = e.receive(f1) as [WireFrame];
    // A second request in the same session (e.g. another message for the same nonces) is refused.
    expectRefusal(() => e.receive({ ...f1, message: enc(text('second')) }), 'UNEXPECTED_MESSAGE');
    expect(c.receive(f2)).toEqual([]);
    // The finished client refuses a second answer; a new start is refused too.
    expectRefusal(() => c.receive(f2), 'UNEXPECTED_MESSAGE');
    expectRefusal(() => c.start(), 'INVALID_STATE');

    // After an abort the session is dead: a corrected answer is refused, nothing is signed.
    const s = session(text('abort'));
    const [g1] = s.c.start() as [WireFrame];
    s.e.start();
    const [g2] = s.e.receive(g1) as [WireFrame];
    const z = dec(g2.share);
    z[1] = z[1]! ^ 1;
    expectRefusal(() => s.c.receive({ ...g2, share: enc(z) }), 'BAD_SIGNATURE');
    expectRefusal(() => s.c.receive(g2), 'INVALID_STATE');
    expectRefusal(() => s.c.result(), 'INVALID_STATE');

    // A retry is a new session with fresh commitments.
    const r = session(text('abort'));
    const [r1] = r.c.start() as [WireFrame];
    expect(r1.hiding).not.toBe(g1.hiding);
    expect(r1.binding).not.toBe(g1.binding);

    // The library itself refuses consumed nonces (our second line of defence).
    const key = {
      secret: { identifier: ed25519_FROST.Identifier.fromNumber(1), signingShare: k.client.signingShare },
    };
    const n = ed25519_FROST.commit(key.secret);
    n.nonces.hiding.fill(0);
    n.nonces.binding.fill(0);
    expect(() =>
      ed25519_FROST.signShare(
        key.secret,
        { signers: { min: 2, max: 2 }, commitments: k.client.commitment, verifyingShares: {} },
        n.nonces,
        [n.commitments, n.commitments],
        text('x'),
      ),
    ).toThrow();
  });

  it('an enclave policy refusal aborts before anything is signed', () => {
    const policy = (m: Uint8Array) => {
      if (new TextDecoder().decode(m) === 'drain') throw new MpcError('INVALID_STATE', 'refused by policy');
    };
    const run = (message: Uint8Array) => {
      const sid = freshSid();
      const c = new FrostSignClient({ sid, share: k.client, message, suite: k.cs });
      const e = new FrostSignEnclave({ sid, share: k.enclave, suite: k.es, policy });
      return { c, e, go: () => runSessions(c, e) };
    };
    const refused = run(text('drain'));
    expectRefusal(refused.go, 'INVALID_STATE');
    expect(refused.e.aborted).toBe(true);
    expect(refused.c.done).toBe(false);
    // Another message passes the same policy.
    const fine = run(text('fine'));
    fine.go();
    expect(strict(fine.c.result().signature, text('fine'), k.client.groupKey)).toBe(true);
  });

  it('refuses cross-session and replayed frames', () => {
    const a = session(text('a'));
    const b = session(text('b'));
    const [a1] = a.c.start() as [WireFrame];
    const [b1] = b.c.start() as [WireFrame];
    a.e.start();
    b.e.start();
    expectRefusal(() => a.e.receive(b1), 'SESSION_MISMATCH');
    const [b2] = b.e.receive(b1) as [WireFrame];
    expectRefusal(() => a.c.receive(b2), 'SESSION_MISMATCH');
    expectRefusal(() => b.c.receive(a1), 'SESSION_MISMATCH');
    // A frame reflected back to its sender is out of turn.
    const c = session(text('c'));
    const [c1] = c.c.start() as [WireFrame];
    expectRefusal(() => c.c.receive(c1), 'UNEXPECTED_MESSAGE');
  });
});
