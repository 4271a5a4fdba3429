import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, concatBytes, randomBytes, utf8 } from '../common/bytes.ts';
import { decode, encode } from '../common/codec.ts';
import { Transcript } from '../common/transcript.ts';
import { ChannelError } from './errors.ts';
import { SecureSession } from './secure-session.ts';
import { CHANNEL_VERSION, type ChannelAuthMode, channelSchemas } from './wire.ts';

/**
 * Handshake of the secure channel inside the WebSocket (SPEC §7):
 *   C→E ch.hello  {version, eC, nC}
 *   E→C ch.accept {eE, nE, identityKey, sig_E(transcript)}
 *   C→E ch.auth   {mode, walletId?, authKey, sig_A(transcript)}
 * The transcript covers every field of the three messages and both static keys (the enclave identity key,
 * the client's device / recovery key). The enclave's ephemeral key and nonce are fresh per connection, so
 * the client's signature is a challenge–response: replaying it on another connection fails. Keys =
 * HKDF-SHA256(X25519(eC, eE), salt = transcript hash), one per direction.
 */
export type HandshakeFrame = Record<string, unknown>;

export interface ChannelSigner {
  publicKey: Uint8Array;
  /** ed25519 signature over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

export function ed25519Signer(secretKey: Uint8Array): ChannelSigner {
  const sk = secretKey.slice();
  return { publicKey: ed25519.getPublicKey(sk), sign: (m) => ed25519.sign(m, sk) };
}

/** What the client claims in `ch.auth`, after its signature verified. */
export interface ChannelAuthClaim {
  mode: ChannelAuthMode;
  walletId?: string;
  /** The static key that signed the transcript (device key, or recovery key for `recovery`). */
  authKey: Uint8Array;
}

const ENCLAVE_SIG_LABEL = utf8('twofold/v1 channel enclave signature');
const CLIENT_SIG_LABEL = utf8('twofold/v1 channel client signature');

function verify(sig: Uint8Array, msg: Uint8Array, key: Uint8Array): boolean {
  try {
    return ed25519.verify(sig, msg, key, { zip215: false });
  } catch {
    return false;
  }
}

function baseTranscript(
  h: { eC: Uint8Array; nC: Uint8Array },
  a: { eE: Uint8Array; nE: Uint8Array; identityKey: Uint8Array },
): Transcript {
  return new Transcript('twofold/v1/channel')
    .appendNumber('version', CHANNEL_VERSION)
    .appendBytes('eC', h.eC)
    .appendBytes('nC', h.nC)
    .appendBytes('eE', a.eE)
    .appendBytes('nE', a.nE)
    .appendBytes('identityKey', a.identityKey);
}

function appendAuth(t: Transcript, enclaveSig: Uint8Array, claim: ChannelAuthClaim): Transcript {
  return t
    .appendBytes('enclaveSig', enclaveSig)
    .appendString('mode', claim.mode)
    .appendString('walletId', claim.walletId ?? '')
    .appendBytes('authKey', claim.authKey);
}

/** X25519 with the all-zero (small-order input) result refused. */
export function x25519SharedSecret(sk: Uint8Array, pk: Uint8Array): Uint8Array {
  let ss: Uint8Array;
  try {
    ss = x25519.getSharedSecret(sk, pk);
  } catch {
    throw new ChannelError('BAD_KEY_SHARE', 'ephemeral key gives no shared secret');
  }
  if (bytesEqual(ss, new Uint8Array(32)))
    throw new ChannelError('BAD_KEY_SHARE', 'ephemeral key is of small order');
  return ss;
}

function deriveKeys(ss: Uint8Array, th: Uint8Array): { c2e: Uint8Array; e2c: Uint8Array } {
  const c2e = hkdf(sha256, ss, th, utf8('twofold/v1 channel key client->enclave'), 32);
  const e2c = hkdf(sha256, ss, th, utf8('twofold/v1 channel key enclave->client'), 32);
  ss.fill(0);
  return { c2e, e2c };
}

function read<K extends keyof typeof channelSchemas>(k: K, frame: unknown) {
  try {
    return decode(channelSchemas[k], frame) as ReturnType<(typeof channelSchemas)[K]['read']>;
  } catch {
    throw new ChannelError('MALFORMED', `not a valid ${k} frame`);
  }
}

export interface InitiatorOptions {
  /** The enclave identity key the wallet is pinned to (32 bytes). */
  pinnedIdentityKey: Uint8Array;
  mode: ChannelAuthMode;
  walletId?: string;
  signer: ChannelSigner;
}

/** Client side: `start()` → ch.hello; `receive(ch.accept)` → ch.auth and the established session. */
export class ChannelInitiator {
  private readonly eSk = x25519.utils.randomSecretKey();
  private hello: { eC: Uint8Array; nC: Uint8Array } | undefined;
  private state: 'new' | 'sent' | 'done' | 'failed' = 'new';

  constructor(private readonly opts: InitiatorOptions) {
    if (opts.pinnedIdentityKey.length !== 32)
      throw new ChannelError('MALFORMED', 'pinned identity key must be 32 bytes');
    if ((opts.mode === 'register') !== (opts.walletId === undefined))
      throw new ChannelError('MALFORMED', 'a wallet id is required except when registering a new wallet');
  }

  start(): HandshakeFrame {
    if (this.state !== 'new') throw new ChannelError('UNEXPECTED', 'handshake already started');
    this.state = 'sent';
    this.hello = { eC: x25519.getPublicKey(this.eSk), nC: randomBytes(32) };
    return encode(channelSchemas.hello, {
      v: 1,
      t: 'ch.hello',
      version: CHANNEL_VERSION,
      ...this.hello,
    }) as HandshakeFrame;
  }

  receive(frame: unknown): { auth: HandshakeFrame; session: SecureSession } {
    if (this.state !== 'sent' || !this.hello)
      throw new ChannelError('UNEXPECTED', 'no handshake in progress');
    try {
      const a = read('accept', frame);
      if (!bytesEqual(a.identityKey, this.opts.pinnedIdentityKey))
        throw new ChannelError(
          'IDENTITY_MISMATCH',
          'the enclave presented another identity key than the pinned one',
        );
      const t = baseTranscript(this.hello, a);
      if (!verify(a.sig, concatBytes(ENCLAVE_SIG_LABEL, t.digest()), a.identityKey))
        throw new ChannelError('BAD_SIGNATURE', 'the enclave handshake signature does not verify');
      const claim: ChannelAuthClaim = {
        mode: this.opts.mode,
        authKey: this.opts.signer.publicKey,
        ...(this.opts.walletId !== undefined ? { walletId: this.opts.walletId } : {}),
      };
      appendAuth(t, a.sig, claim);
      const sig = this.opts.signer.sign(concatBytes(CLIENT_SIG_LABEL, t.digest()));
      const th = t.appendBytes('clientSig', sig).digest();
      const keys = deriveKeys(x25519SharedSecret(this.eSk, a.eE), th);
      this.eSk.fill(0);
      this.state = 'done';
      const auth = encode(channelSchemas.auth, {
        v: 1,
        t: 'ch.auth',
        mode: claim.mode,
        ...(claim.walletId !== undefined ? { walletId: claim.walletId } : {}),
        authKey: claim.authKey,
        sig,
      }) as HandshakeFrame;
      return { auth, session: new SecureSession(th, keys.c2e, keys.e2c, 'c2e') };
    } catch (e) {
      this.state = 'failed';
      this.eSk.fill(0);
      throw e;
    }
  }
}

export interface ResponderOptions {
  /** The enclave's ed25519 identity secret key. */
  identitySecretKey: Uint8Array;
}

/**
 * Enclave side: `receive(ch.hello)` → ch.accept; `receive(ch.auth)` → the verified claim and the session.
 * The caller then checks the claim's key against its records (the registered device or recovery key).
 */
export class ChannelResponder {
  private readonly eSk = x25519.utils.randomSecretKey();
  private transcript: Transcript | undefined;
  private enclaveSig: Uint8Array | undefined;
  private eC: Uint8Array | undefined;
  private state: 'new' | 'accepted' | 'done' | 'failed' = 'new';
  private readonly identityKey: Uint8Array;

  constructor(private readonly opts: ResponderOptions) {
    this.identityKey = ed25519.getPublicKey(opts.identitySecretKey);
  }

  get stage(): 'new' | 'accepted' | 'done' | 'failed' {
    return this.state;
  }

  receiveHello(frame: unknown): HandshakeFrame {
    if (this.state !== 'new') throw new ChannelError('UNEXPECTED', 'hello already received');
    try {
      const h = read('hello', frame);
      if (h.version !== CHANNEL_VERSION)
        throw new ChannelError('UNSUPPORTED_VERSION', `channel version ${CHANNEL_VERSION} is supported`);
      const a = { eE: x25519.getPublicKey(this.eSk), nE: randomBytes(32), identityKey: this.identityKey };
      const t = baseTranscript(h, a);
      const sig = ed25519.sign(concatBytes(ENCLAVE_SIG_LABEL, t.digest()), this.opts.identitySecretKey);
      this.transcript = t;
      this.enclaveSig = sig;
      this.eC = h.eC;
      this.state = 'accepted';
      return encode(channelSchemas.accept, { v: 1, t: 'ch.accept', ...a, sig }) as HandshakeFrame;
    } catch (e) {
      this.fail();
      throw e;
    }
  }

  receiveAuth(frame: unknown): { claim: ChannelAuthClaim; session: SecureSession } {
    if (this.state !== 'accepted' || !this.transcript || !this.enclaveSig || !this.eC)
      throw new ChannelError('UNEXPECTED', 'no handshake awaiting authentication');
    try {
      const m = read('auth', frame);
      const mode = m.mode as ChannelAuthMode;
      if ((mode === 'register') !== (m.walletId === undefined))
        throw new ChannelError('MALFORMED', 'a wallet id is required except when registering');
      const claim: ChannelAuthClaim = {
        mode,
        authKey: m.authKey,
        ...(m.walletId ? { walletId: m.walletId } : {}),
      };
      const t = appendAuth(this.transcript, this.enclaveSig, claim);
      if (!verify(m.sig, concatBytes(CLIENT_SIG_LABEL, t.digest()), m.authKey))
        throw new ChannelError('BAD_SIGNATURE', 'the client handshake signature does not verify');
      const th = t.appendBytes('clientSig', m.sig).digest();
      const keys = deriveKeys(x25519SharedSecret(this.eSk, this.eC), th);
      this.eSk.fill(0);
      this.state = 'done';
      return { claim, session: new SecureSession(th, keys.e2c, keys.c2e, 'e2c') };
    } catch (e) {
      this.fail();
      throw e;
    }
  }

  private fail(): void {
    this.state = 'failed';
    this.eSk.fill(0);
  }
}
