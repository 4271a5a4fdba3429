import { bytesEqual } from '../common/bytes.ts';
import { decode, encode, frameType, type Infer, type Schema, s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { defaultFrostSuite, type FrostSuite } from './suite.ts';

/** A JSON-shaped wire frame `{ v, t, sid, round, ...fields }` (JSON.stringify it for the channel). */
export type WireFrame = Record<string, unknown>;

export const SID_BYTES = 32;
const sidSchema = s.bytes({ len: SID_BYTES });

export interface SessionOptions {
  /** The session id both sides derived (SPEC §5.1, `deriveSessionId`), 32 bytes. */
  sid: Uint8Array;
  /** The party's own suite (its memory of validated points); defaults to a process-wide one. */
  suite?: FrostSuite;
}

type State = 'new' | 'running' | 'done' | 'aborted';

/**
 * Lifecycle shared by every FROST state machine: `start()` once, then `receive(frame)` per inbound frame,
 * each returning the frames to send; `result()` once `done`. The envelope {v, t, sid, round} of every
 * inbound frame is checked before anything else looks at it (the library's DKG proofs do not bind a
 * session). Any refusal aborts the session for good: it wipes its secrets and can never be resumed, so
 * our nonces are never used twice; a retry is a new session with a new sid.
 */
export abstract class FrostSession<R> {
  readonly sid: Uint8Array;
  protected readonly suite: FrostSuite;
  private state: State = 'new';
  private output: { value: R } | undefined;
  private expected: { t: string; round: number } | undefined;

  constructor(opts: SessionOptions) {
    if (!(opts.sid instanceof Uint8Array) || opts.sid.length !== SID_BYTES)
      throw new MpcError('INVALID_STATE', 'session id must be 32 bytes');
    this.sid = opts.sid.slice();
    this.suite = opts.suite ?? defaultFrostSuite();
  }

  get done(): boolean {
    return this.state === 'done';
  }

  get aborted(): boolean {
    return this.state === 'aborted';
  }

  start(): WireFrame[] {
    if (this.state !== 'new') throw new MpcError('INVALID_STATE', 'session already started');
    this.state = 'running';
    return this.guard(() => this.onStart());
  }

  receive(frame: unknown): WireFrame[] {
    if (this.state === 'aborted') throw new MpcError('INVALID_STATE', 'session was aborted');
    if (this.state === 'done') throw new MpcError('UNEXPECTED_MESSAGE', 'session already finished');
    if (this.state === 'new') throw new MpcError('INVALID_STATE', 'session not started');
    return this.guard(() => this.onFrame(frame));
  }

  result(): R {
    if (this.state !== 'done' || !this.output) throw new MpcError('INVALID_STATE', 'session has no result');
    return this.output.value;
  }

  /** Abandon the session (for example on a transport error): secrets wiped, no further use. */
  abort(): void {
    if (this.state === 'aborted') return;
    this.state = 'aborted';
    this.wipe();
  }

  protected abstract onStart(): WireFrame[];
  protected abstract onFrame(frame: unknown): WireFrame[];
  /** Erase secret state (nonces, DKG polynomials). Called once, on abort or finish. */
  protected abstract wipe(): void;

  protected expect(t: string, round: number): void {
    this.expected = { t, round };
  }

  protected finish(value: R): void {
    this.output = { value };
    this.expected = undefined;
    this.state = 'done';
    this.wipe();
  }

  /** Check the envelope (version, type, session, round), then decode the rest strictly. */
  protected open<S extends Schema<unknown>>(schema: S, frame: unknown): Infer<S> {
    const t = frameType(frame);
    const env = frame as Record<string, unknown>;
    const sid = decode(sidSchema, env.sid);
    if (!bytesEqual(sid, this.sid))
      throw new MpcError('SESSION_MISMATCH', 'frame belongs to another session');
    const exp = this.expected;
    if (!exp || t !== exp.t) throw new MpcError('UNEXPECTED_MESSAGE', `unexpected frame type ${safeType(t)}`);
    if (env.round !== exp.round)
      throw new MpcError('SESSION_MISMATCH', 'frame round does not match its type');
    return decode(schema, frame);
  }

  /** Build an outbound frame, validated against the same schema the peer decodes with. */
  protected frame<S extends Schema<unknown>>(schema: S, value: Omit<Infer<S>, 'v' | 'sid'>): WireFrame {
    return encode(schema, { v: 1, sid: this.sid, ...value } as Infer<S>) as WireFrame;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.abort();
      if (e instanceof MpcError) throw e;
      // A library exception may quote values: never pass its text on.
      throw new MpcError('INTERNAL', 'unexpected failure in the FROST session');
    }
  }
}

/** Frame types are short protocol names; quote only those so an error never echoes arbitrary input. */
function safeType(t: string): string {
  return /^[a-z0-9.]{1,40}$/.test(t) ? t : '(unknown)';
}

/** Call into the library and turn its untyped failure into a typed refusal without its message. */
export function library<T>(code: MpcError['code'], what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MpcError) throw e;
    throw new MpcError(code, what);
  }
}
