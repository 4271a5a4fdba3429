import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { concatBytes } from '../common/bytes.ts';
import { decode, encode } from '../common/codec.ts';
import { ChannelError } from './errors.ts';
import { channelSchemas, MAX_SEALED_BYTES } from './wire.ts';

const te = new TextEncoder();
const td = new TextDecoder('utf-8', { fatal: true });

/** A sealed frame as it travels (JSON-shaped; `JSON.stringify` it for the socket). */
export type SealedFrame = Record<string, unknown>;

export type ChannelDirection = 'c2e' | 'e2c';

function counterBytes(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
}

function nonceFor(n: number): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce.set(counterBytes(n), 16);
  return nonce;
}

/**
 * The established channel: one key per direction, a counter nonce per direction. A receiver accepts only
 * the next counter: an old one is a replay, a later one a reordering or drop, and either is refused. The
 * associated data binds the transcript hash, the direction and the counter. After any refusal the
 * session is closed for good (a tampered stream cannot be trusted to continue).
 */
export class SecureSession {
  private sendCounter = 0;
  private recvCounter = 0;
  private closed = false;

  constructor(
    /** SHA-256 transcript hash of the handshake; MPC session ids include it (SPEC §5.1). */
    readonly transcriptHash: Uint8Array,
    private readonly sendKey: Uint8Array,
    private readonly recvKey: Uint8Array,
    private readonly sendDir: ChannelDirection,
  ) {}

  private get recvDir(): ChannelDirection {
    return this.sendDir === 'c2e' ? 'e2c' : 'c2e';
  }

  private ad(dir: ChannelDirection, n: number): Uint8Array {
    return concatBytes(this.transcriptHash, te.encode(dir), counterBytes(n));
  }

  /** Seal a JSON-serialisable message. */
  seal(message: unknown): SealedFrame {
    if (this.closed) throw new ChannelError('CLOSED', 'the channel is closed');
    const plain = te.encode(JSON.stringify(message));
    if (plain.length > MAX_SEALED_BYTES)
      throw new ChannelError('MALFORMED', 'message too large for one frame');
    const n = this.sendCounter++;
    const c = xchacha20poly1305(this.sendKey, nonceFor(n), this.ad(this.sendDir, n)).encrypt(plain);
    return encode(channelSchemas.data, { v: 1, t: 'ch.data', n, c }) as SealedFrame;
  }

  /** Open the next sealed frame and parse its JSON; refuses replays, reordering and tampering. */
  open(frame: unknown): unknown {
    if (this.closed) throw new ChannelError('CLOSED', 'the channel is closed');
    try {
      let m: { n: number; c: Uint8Array };
      try {
        m = decode(channelSchemas.data, frame);
      } catch {
        throw new ChannelError('MALFORMED', 'not a sealed channel frame');
      }
      if (m.n < this.recvCounter) throw new ChannelError('REPLAY', 'frame counter already seen');
      if (m.n > this.recvCounter) throw new ChannelError('OUT_OF_ORDER', 'frame counter skipped ahead');
      let plain: Uint8Array;
      try {
        plain = xchacha20poly1305(this.recvKey, nonceFor(m.n), this.ad(this.recvDir, m.n)).decrypt(m.c);
      } catch {
        throw new ChannelError('DECRYPT_FAILED', 'sealed frame failed authentication');
      }
      this.recvCounter++;
      try {
        return JSON.parse(td.decode(plain));
      } catch {
        throw new ChannelError('MALFORMED', 'sealed payload is not JSON text');
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Forget the keys. */
  close(): void {
    this.closed = true;
    this.sendKey.fill(0);
    this.recvKey.fill(0);
  }
}
