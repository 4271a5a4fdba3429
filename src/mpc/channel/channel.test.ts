import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { ChannelError } from './errors.ts';
import {
  ChannelInitiator,
  ChannelResponder,
  type ChannelSigner,
  ed25519Signer,
  x25519SharedSecret,
} from './handshake.ts';

const identitySk = ed25519.utils.randomSecretKey();
const identityPk = ed25519.getPublicKey(identitySk);
const device = ed25519Signer(ed25519.utils.randomSecretKey());

/** Round-trips through JSON text, as the WebSocket would. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function handshake(opts: { pinned?: Uint8Array; signer?: ChannelSigner; walletId?: string } = {}) {
  const c = new ChannelInitiator({
    pinnedIdentityKey: opts.pinned ?? identityPk,
    mode: 'device',
    walletId: opts.walletId ?? 'w1',
    signer: opts.signer ?? device,
  });
  const e = new ChannelResponder({ identitySecretKey: identitySk });
  const accept = e.receiveHello(wire(c.start()));
  const { auth, session: cs } = c.receive(wire(accept));
  const { claim, session: es } = e.receiveAuth(wire(auth));
  return { cs, es, claim, auth, accept };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ChannelError);
    return (e as ChannelError).code;
  }
  throw new Error('expected a refusal');
}

describe('secure channel', () => {
  it('establishes matching keys and transcript hashes; messages flow both ways', () => {
    const { cs, es, claim } = handshake();
    expect(claim).toMatchObject({ mode: 'device', walletId: 'w1' });
    expect(claim.authKey).toEqual(device.publicKey);
    expect(cs.transcriptHash).toEqual(es.transcriptHash);
    expect(cs.transcriptHash.length).toBe(32);
    for (let i = 0; i < 3; i++) {
      expect(es.open(wire(cs.seal({ i, hello: 'enclave' })))).toEqual({ i, hello: 'enclave' });
      expect(cs.open(wire(es.seal({ i, hello: 'client' })))).toEqual({ i, hello: 'client' });
    }
  });

  it('each connection gets a fresh transcript (the auth signature is a challenge-response)', () => {
    expect(handshake().cs.transcriptHash).not.toEqual(handshake().cs.transcriptHash);
  });

  it('refuses an enclave that is not the pinned identity, with a clear error', () => {
    const other = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    expect(codeOf(() => handshake({ pinned: other }))).toBe('IDENTITY_MISMATCH');
  });

  it('refuses an enclave that claims the pinned key without holding it', () => {
    const c = new ChannelInitiator({
      pinnedIdentityKey: identityPk,
      mode: 'device',
      walletId: 'w1',
      signer: device,
    });
    const mitm = new ChannelResponder({ identitySecretKey: ed25519.utils.randomSecretKey() });
    const accept = wire(mitm.receiveHello(wire(c.start()))) as Record<string, unknown>;
    const real = wire(
      new ChannelResponder({ identitySecretKey: identitySk }).receiveHello(
        wire(
          new ChannelInitiator({
            pinnedIdentityKey: identityPk,
            mode: 'device',
            walletId: 'w1',
            signer: device,
          }).start(),
        ),
      ),
    ) as Record<string, unknown>;
    expect(codeOf(() => c.receive({ ...accept, identityKey: real.identityKey }))).toBe('BAD_SIGNATURE');
  });

  it('refuses an auth frame whose key, wallet or mode was changed after signing', () => {
    const make = (signer: ChannelSigner) => {
      const c = new ChannelInitiator({
        pinnedIdentityKey: identityPk,
        mode: 'device',
        walletId: 'w1',
        signer,
      });
      const e = new ChannelResponder({ identitySecretKey: identitySk });
      const { auth } = c.receive(wire(e.receiveHello(wire(c.start()))));
      return { e, auth: wire(auth) as Record<string, unknown> };
    };
    const evil = make(ed25519Signer(ed25519.utils.randomSecretKey())).auth;
    let t = make(device);
    expect(codeOf(() => t.e.receiveAuth({ ...t.auth, authKey: evil.authKey }))).toBe('BAD_SIGNATURE');
    t = make(device);
    expect(codeOf(() => t.e.receiveAuth({ ...t.auth, walletId: 'w2' }))).toBe('BAD_SIGNATURE');
    t = make(device);
    expect(codeOf(() => t.e.receiveAuth({ ...t.auth, mode: 'recovery' }))).toBe('BAD_SIGNATURE');
    t = make(device);
    expect(codeOf(() => t.e.receiveAuth({ ...t.auth, sig: evil.sig }))).toBe('BAD_SIGNATURE');
  });

  it('refuses an auth signature replayed on another connection', () => {
    const first = handshake();
    const e = new ChannelResponder({ identitySecretKey: identitySk });
    const c = new ChannelInitiator({
      pinnedIdentityKey: identityPk,
      mode: 'device',
      walletId: 'w1',
      signer: device,
    });
    e.receiveHello(wire(c.start()));
    expect(codeOf(() => e.receiveAuth(wire(first.auth)))).toBe('BAD_SIGNATURE');
  });

  it('refuses replayed, reordered and tampered sealed frames, and closes after a refusal', () => {
    const { cs, es } = handshake();
    const f0 = wire(cs.seal({ n: 0 }));
    const f1 = wire(cs.seal({ n: 1 }));
    const f2 = wire(cs.seal({ n: 2 }));
    expect(codeOf(() => es.open(f1))).toBe('OUT_OF_ORDER');
    expect(codeOf(() => es.open(f0))).toBe('CLOSED');
    expect(codeOf(() => es.open(f2))).toBe('CLOSED');

    const b = handshake();
    const g0 = wire(b.cs.seal({ n: 0 }));
    expect(b.es.open(g0)).toEqual({ n: 0 });
    expect(codeOf(() => b.es.open(g0))).toBe('REPLAY');

    const c = handshake();
    const h0 = wire(c.cs.seal({ secret: 'x' })) as { c: string };
    const flipped = `${h0.c.slice(0, 4)}${h0.c[4] === 'A' ? 'B' : 'A'}${h0.c.slice(5)}`;
    expect(codeOf(() => c.es.open({ ...h0, c: flipped }))).toBe('DECRYPT_FAILED');

    const d = handshake();
    const k0 = wire(d.cs.seal({ n: 0 }));
    // A frame sealed in one direction cannot be reflected back to its sender.
    expect(codeOf(() => d.cs.open(k0))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => d.es.open({ v: 1, t: 'ch.data', n: 0 }))).toBe('MALFORMED');
  });

  it('a frame from one channel does not open on another', () => {
    const a = handshake();
    const b = handshake();
    expect(codeOf(() => b.es.open(wire(a.cs.seal({ x: 1 }))))).toBe('DECRYPT_FAILED');
  });

  it('refuses small-order ephemeral keys and out-of-state frames', () => {
    expect(codeOf(() => x25519SharedSecret(x25519.utils.randomSecretKey(), new Uint8Array(32)))).toBe(
      'BAD_KEY_SHARE',
    );
    const c = new ChannelInitiator({
      pinnedIdentityKey: identityPk,
      mode: 'device',
      walletId: 'w1',
      signer: device,
    });
    const hello = wire(c.start()) as Record<string, unknown>;
    const e2 = new ChannelResponder({ identitySecretKey: identitySk });
    expect(codeOf(() => e2.receiveAuth(hello))).toBe('UNEXPECTED');
    expect(codeOf(() => e2.receiveHello({ ...hello, version: 2 }))).toBe('UNSUPPORTED_VERSION');
    expect(
      codeOf(() => new ChannelResponder({ identitySecretKey: identitySk }).receiveHello({ t: 'x' })),
    ).toBe('MALFORMED');
    expect(codeOf(() => c.start())).toBe('UNEXPECTED');
  });

  it('never puts key material into error messages', () => {
    const { cs, es } = handshake();
    const f = wire(cs.seal({ secret: 'plaintext-marker' })) as { c: string };
    try {
      es.open({ ...f, c: `${f.c.slice(0, -2)}AA` });
    } catch (e) {
      expect(String((e as Error).message)).not.toMatch(/plaintext-marker|[A-Za-z0-9_-]{40,}/);
    }
  });
});
