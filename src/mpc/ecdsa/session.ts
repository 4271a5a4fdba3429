import { bytesEqual } from '../common/bytes.ts';
import { decode, encodeText, frameType, MAX_FRAME_CHARS, type Schema } from '../common/codec.ts';
import { MpcError, mpcAssert } from '../common/errors.ts';

/**
 * Base of every per-party, message-driven ECDSA state machine (no I/O): `start()` once, then `receive(frame)`
 * for each inbound frame; each call returns the frames to send and, at the end, the party's result.
 *
 * Rules enforced here for every protocol: a frame is refused unless it decodes with the codec
 * (MALFORMED_MESSAGE), is the type expected in the current state (UNEXPECTED_MESSAGE: replays, out-of-order,
 * other protocols) and carries this session's id (SESSION_MISMATCH). Any failure aborts the session for
 * good: the object wipes its nonces and refuses every later call (INVALID_STATE), and a second `start()`
 * is refused (NONCE_REUSE), so a nonce is never used in two sessions.
 */
export interface Step<R> {
  out: string[];
  result?: R;
}

export type SessionState = 'new' | 'running' | 'done' | 'aborted';

export const SID_BYTES = 32;

export abstract class EcdsaSession<R> {
  private stateValue: SessionState = 'new';
  private resultValue: R | undefined;
  /** The error that aborted the session, if any (typed; never holds a secret). */
  abortError: MpcError | undefined;

  protected constructor(readonly sid: Uint8Array) {
    mpcAssert(
      sid instanceof Uint8Array && sid.length === SID_BYTES,
      'INVALID_STATE',
      'session id must be 32 bytes',
    );
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get result(): R | undefined {
    return this.resultValue;
  }

  /** The message type this party expects next, or undefined when it expects nothing. */
  protected abstract expecting(): string | undefined;
  protected abstract onStart(): Step<R>;
  protected abstract onMessage(json: unknown): Step<R>;
  /** Erase nonces and other per-session secrets. */
  protected abstract wipe(): void;

  start(): Step<R> {
    if (this.stateValue !== 'new')
      throw new MpcError('NONCE_REUSE', 'a session object runs once; start a new session with fresh nonces');
    this.stateValue = 'running';
    return this.guarded(() => this.onStart());
  }

  receive(frame: string): Step<R> {
    if (this.stateValue === 'new') throw new MpcError('INVALID_STATE', 'session not started');
    if (this.stateValue !== 'running') throw new MpcError('INVALID_STATE', `session is ${this.stateValue}`);
    return this.guarded(() => {
      if (typeof frame !== 'string' || frame.length > MAX_FRAME_CHARS)
        throw new MpcError('MALFORMED_MESSAGE', 'frame missing or too large');
      let json: unknown;
      try {
        json = JSON.parse(frame);
      } catch {
        throw new MpcError('MALFORMED_MESSAGE', 'invalid JSON');
      }
      const t = frameType(json);
      const want = this.expecting();
      if (want === undefined || t !== want)
        throw new MpcError(
          'UNEXPECTED_MESSAGE',
          `got ${t.slice(0, 40)} while expecting ${want ?? 'nothing'}`,
        );
      return this.onMessage(json);
    });
  }

  /** Decode a frame against its schema and check its session id. */
  protected read<T extends { sid: Uint8Array }>(schema: Schema<T>, json: unknown): T {
    const msg = decode(schema, json) as T;
    if (!bytesEqual(msg.sid, this.sid))
      throw new MpcError('SESSION_MISMATCH', 'frame belongs to another session');
    return msg;
  }

  protected write<T>(schema: Schema<T>, value: T): string {
    return encodeText(schema, value as never);
  }

  protected finish(result: R, out: string[] = []): Step<R> {
    this.resultValue = result;
    this.stateValue = 'done';
    this.wipe();
    return { out, result };
  }

  private guarded(fn: () => Step<R>): Step<R> {
    try {
      return fn();
    } catch (e) {
      this.stateValue = 'aborted';
      try {
        this.wipe();
      } catch {
        // wiping must never mask the original error
      }
      // Library errors may quote values (a noble error can print a scalar): only typed errors pass through.
      const err = e instanceof MpcError ? e : new MpcError('INTERNAL', 'unexpected failure in the protocol');
      this.abortError = err;
      throw err;
    }
  }
}
