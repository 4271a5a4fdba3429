import {
  type ChannelAuthClaim,
  ChannelError,
  ChannelResponder,
  type SecureSession,
} from '../../src/mpc/channel/index.ts';
import {
  type OperationName,
  type ServiceCurve,
  type ServiceErrorCode,
  type StepData,
  servicePartyIds,
  serviceSchemas,
  stepData,
} from '../../src/mpc/channel/service-wire.ts';
import { bytesEqual } from '../../src/mpc/common/bytes.ts';
import { decode, encode } from '../../src/mpc/common/codec.ts';
import { MpcError } from '../../src/mpc/common/errors.ts';
import type { EnclaveIdentity } from '../identity.ts';
import type { LogFields } from '../log.ts';
import { ENCLAVE_PROTOCOL_VERSION, ENCLAVE_SERVICE_NAME, type EnclaveErrorCode } from '../protocol.ts';
import { ServiceError } from './errors.ts';
import { HANDLERS, type OpContext, type ServiceDeps, walletPseudonym } from './operations.ts';
import type { RateLimits, TokenBucket } from './policy.ts';

export interface ConnectionDeps extends ServiceDeps {
  /** How long an operation waits for the client's next protocol message. */
  mpcTimeoutMs: number;
  identity: EnclaveIdentity;
  limits: RateLimits;
  isClosing: () => boolean;
}

export interface Outbound {
  send(text: string): void;
  close(code: number, reason: string): void;
}

interface RunningOp {
  id: number;
  op: OperationName;
  inbox: { curve: ServiceCurve; frames: unknown[] }[];
  waiter: ((m: { curve: ServiceCurve; frames: unknown[] } | Error) => void) | undefined;
  aborted?: Error;
  abort(err: Error): void;
}

/**
 * One client connection: the secure-channel handshake, then one operation at a time inside it. Every frame
 * is answered (structured error) or the socket is closed cleanly; nothing a client sends can throw out of
 * here. Before the channel exists errors go in clear; afterwards they are sealed.
 */
export class Connection {
  private readonly responder: ChannelResponder;
  private session: SecureSession | undefined;
  private claim: ChannelAuthClaim | undefined;
  private walletId: string | undefined;
  private current: RunningOp | undefined;
  private readonly bucket: TokenBucket;
  private closed = false;
  /** Resolves when the running operation (if any) settles. */
  private opDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ConnectionDeps,
    private readonly out: Outbound,
    /** The client's source key (policy-connections.ts sourceKey): its share of the registration budget. */
    private readonly source = 'unknown',
  ) {
    this.responder = new ChannelResponder({ identitySecretKey: deps.identity.secretKey });
    this.bucket = deps.limits.forConnection();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Wait for the running operation to finish or abort (graceful shutdown). */
  settled(): Promise<void> {
    return this.opDone;
  }

  abortRunning(reason: string): void {
    this.current?.abort(new ServiceError('SHUTTING_DOWN', reason));
  }

  onClose(): void {
    this.closed = true;
    this.current?.abort(new ServiceError('UNEXPECTED_MESSAGE', 'connection closed'));
    this.session?.close();
  }

  private log(level: 'info' | 'warn' | 'error', f: LogFields): void {
    this.deps.log(level, { ...(this.walletId ? { wallet: walletPseudonym(this.walletId) } : {}), ...f });
  }

  private sendClear(code: EnclaveErrorCode | ServiceErrorCode, message: string, detail?: string): void {
    if (this.closed) return;
    this.out.send(JSON.stringify({ v: 1, t: 'error', code, message, ...(detail ? { detail } : {}) }));
  }

  private sendSealed(msg: Record<string, unknown>): void {
    if (this.closed || !this.session || this.session.isClosed) return;
    this.out.send(JSON.stringify(this.session.seal(msg)));
  }

  private sendError(id: number | undefined, code: ServiceErrorCode, message: string, detail?: string): void {
    if (this.session && !this.session.isClosed)
      this.sendSealed({
        v: 1,
        t: 'error',
        ...(id !== undefined ? { id } : {}),
        code,
        message,
        ...(detail ? { detail } : {}),
      });
    else this.sendClear(code, message, detail);
  }

  private fail(code: ServiceErrorCode, message: string, detail?: string): void {
    this.sendClear(code, message, detail);
    this.closed = true;
    this.out.close(1008, code);
  }

  onFrame(text: string | null): void {
    try {
      this.handle(text);
    } catch (e) {
      // Last line of defence: never let a frame take the service down.
      this.log('error', { event: 'frame_failure', code: 'INTERNAL' });
      this.sendError(undefined, 'INTERNAL', 'Internal error.');
      void e;
    }
  }

  private handle(text: string | null): void {
    if (this.closed) return;
    if (!this.bucket.take()) {
      this.sendError(undefined, 'RATE_LIMITED', 'Too many frames on this connection; slow down.');
      // A sealed frame left unread puts the channel's counters out of step (its next frame would be refused)
      // and may starve the running operation, which holds its pair: end the channel now.
      if (this.session) {
        this.closed = true;
        this.out.close(1008, 'RATE_LIMITED');
      }
      return;
    }
    if (text === null) {
      this.sendClear('MALFORMED_FRAME', 'Frames are JSON text.');
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.sendError(undefined, 'MALFORMED_FRAME', 'The frame is not valid JSON.');
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.sendError(undefined, 'MALFORMED_FRAME', 'A frame is a JSON object.');
      return;
    }
    const m = msg as Record<string, unknown>;
    if (m.v !== ENCLAVE_PROTOCOL_VERSION) {
      this.sendError(
        undefined,
        'UNSUPPORTED_VERSION',
        `Protocol version ${ENCLAVE_PROTOCOL_VERSION} is supported.`,
      );
      return;
    }
    if (this.deps.isClosing() && m.t !== 'ch.data') {
      this.sendClear('SHUTTING_DOWN', 'The enclave is shutting down; retry shortly.');
      return;
    }
    switch (m.t) {
      case 'hello':
        if (this.session) {
          this.sendError(undefined, 'UNEXPECTED_MESSAGE', 'Hello comes before the channel.');
          return;
        }
        this.log('info', { event: 'hello' });
        this.out.send(
          JSON.stringify({
            v: 1,
            t: 'hello',
            service: ENCLAVE_SERVICE_NAME,
            versions: [ENCLAVE_PROTOCOL_VERSION],
            identityKey: this.deps.identity.publicKeyHex,
          }),
        );
        return;
      case 'ch.hello': {
        this.channelStep(() => {
          this.out.send(JSON.stringify(this.responder.receiveHello(m)));
        });
        return;
      }
      case 'ch.auth': {
        this.channelStep(() => this.authenticate(m));
        return;
      }
      case 'ch.data': {
        this.sealed(m);
        return;
      }
      default: {
        this.sendError(undefined, 'UNKNOWN_MESSAGE', 'Unknown message type.');
        return;
      }
    }
  }

  private channelStep(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ChannelError) {
        if (e.code === 'MALFORMED' || e.code === 'UNSUPPORTED_VERSION') {
          this.fail(
            e.code === 'MALFORMED' ? 'MALFORMED_FRAME' : 'UNSUPPORTED_VERSION',
            'Handshake refused.',
            e.code,
          );
          return;
        }
        this.fail('CHANNEL_ERROR', 'Secure channel refused.', e.code);
        return;
      }
      if (e instanceof ServiceError) {
        this.fail(e.code, e.message, e.detail);
        return;
      }
      throw e;
    }
  }

  private authenticate(m: Record<string, unknown>): void {
    const { claim, session } = this.responder.receiveAuth(m);
    if (claim.mode !== 'register') {
      const w = claim.walletId ? this.deps.store.getWallet(claim.walletId) : undefined;
      const expected = w ? (claim.mode === 'recovery' ? w.recoveryKey : w.deviceKey) : undefined;
      // Same answer for an unknown wallet and a wrong key: no wallet enumeration.
      if (!expected || !bytesEqual(expected, claim.authKey)) {
        session.close();
        this.log('warn', { event: 'auth_refused', code: 'AUTH_FAILED' });
        throw new ServiceError('AUTH_FAILED', 'The device is not registered for this wallet.');
      }
      this.walletId = claim.walletId;
    }
    this.claim = claim;
    this.session = session;
    this.sendSealed({ v: 1, t: 'ready' });
    this.log('info', { event: 'channel_open', op: claim.mode });
  }

  private stillAuthorised(): boolean {
    const claim = this.claim;
    if (!claim || claim.mode === 'register') return true;
    const w = claim.walletId ? this.deps.store.getWallet(claim.walletId) : undefined;
    const expected = w ? (claim.mode === 'recovery' ? w.recoveryKey : w.deviceKey) : undefined;
    return expected !== undefined && bytesEqual(expected, claim.authKey);
  }

  private sealed(m: Record<string, unknown>): void {
    if (!this.session) {
      this.sendClear('UNEXPECTED_MESSAGE', 'No secure channel yet.');
      return;
    }
    let inner: unknown;
    try {
      inner = this.session.open(m);
    } catch (e) {
      const code = e instanceof ChannelError ? e.code : 'MALFORMED';
      this.fail('CHANNEL_ERROR', 'Sealed frame refused; the channel is closed.', code);
      return;
    }
    const t = (inner as { t?: unknown } | null)?.t;
    if (t === 'op') {
      this.startOp(inner);
      return;
    }
    if (t === 'mpc') {
      this.deliver(inner);
      return;
    }
    this.sendError(undefined, 'UNKNOWN_MESSAGE', 'Unknown message type.');
    return;
  }

  private startOp(inner: unknown): void {
    let req: { id: number; op: string; params: unknown };
    try {
      req = decode(serviceSchemas.op, inner);
    } catch {
      this.sendError(undefined, 'BAD_REQUEST', 'Malformed operation request.');
      return;
    }
    if (this.deps.isClosing()) {
      this.sendError(req.id, 'SHUTTING_DOWN', 'The enclave is shutting down; retry shortly.');
      return;
    }
    if (this.current) {
      this.sendError(req.id, 'OP_IN_PROGRESS', 'One operation at a time per connection.');
      return;
    }
    const op = req.op as OperationName;
    // A channel may carry many operations (the client keeps one for co-signing): the key it was opened
    // with must still be the wallet's current one for each of them (a recovery replaces the device key).
    if (!this.stillAuthorised()) {
      this.log('warn', { event: 'auth_refused', code: 'AUTH_FAILED' });
      this.sendError(req.id, 'AUTH_FAILED', 'The device is not registered for this wallet.');
      this.session?.close();
      this.closed = true;
      this.out.close(1008, 'AUTH_FAILED');
      return;
    }
    if (this.walletId && !this.deps.limits.takeWallet(this.walletId)) {
      this.sendError(req.id, 'RATE_LIMITED', 'Too many requests for this wallet; retry later.');
      return;
    }
    if (op === 'createWallet' && !this.deps.limits.takeRegistration(this.source)) {
      this.sendError(req.id, 'RATE_LIMITED', 'Too many new wallets right now; retry in a minute.');
      return;
    }
    const running: RunningOp = {
      id: req.id,
      op,
      inbox: [],
      waiter: undefined,
      abort: (err) => {
        const w = running.waiter;
        running.waiter = undefined;
        running.aborted = err;
        w?.(err);
      },
    };
    this.current = running;
    const t0 = performance.now();
    const fields: LogFields = { event: 'op', op, requestId: String(req.id) };
    const ctx: OpContext = {
      deps: this.deps,
      transcriptHash: this.session!.transcriptHash,
      claim: this.claim!,
      walletId: this.walletId,
      peer: servicePartyIds(this.deps.identity.publicKey, this.claim!.authKey),
      step: (data) => this.sendSealed({ v: 1, t: 'step', id: req.id, data: encodeStep(data) }),
      sendMpc: (curve, frames) => this.sendSealed({ v: 1, t: 'mpc', id: req.id, curve, frames }),
      nextMpc: (curve) => this.nextMpc(running, curve),
      adoptWallet: (walletId) => {
        this.walletId = walletId;
        ctx.walletId = walletId;
        this.claim = { ...this.claim!, mode: 'device', walletId };
      },
      note: (f) => Object.assign(fields, f),
    };
    this.opDone = (async () => {
      try {
        const result = await HANDLERS[op](ctx, req.params);
        this.sendSealed({ v: 1, t: 'done', id: req.id, result });
        this.log('info', {
          ...fields,
          ...(this.walletId ? { wallet: walletPseudonym(this.walletId) } : {}),
          durationMs: ms(t0),
        });
      } catch (e) {
        const { code, message, detail } = describe(e);
        if (code === 'INTERNAL' && process.env.ENCLAVE_DEBUG_ERRORS) console.error(e);
        this.sendError(req.id, code, message, detail);
        this.log(code === 'INTERNAL' ? 'error' : 'warn', { ...fields, code, durationMs: ms(t0) });
      } finally {
        this.current = undefined;
      }
    })();
  }

  private deliver(inner: unknown): void {
    let m: { id: number; curve: string; frames: unknown[] };
    try {
      m = decode(serviceSchemas.mpc, inner);
    } catch {
      this.sendError(undefined, 'BAD_REQUEST', 'Malformed protocol message.');
      return;
    }
    const cur = this.current;
    if (!cur || cur.id !== m.id) {
      this.sendError(m.id, 'UNEXPECTED_MESSAGE', 'No operation awaits this message.');
      return;
    }
    const item = { curve: m.curve as ServiceCurve, frames: m.frames };
    if (cur.waiter) {
      const w = cur.waiter;
      cur.waiter = undefined;
      w(item);
    } else if (cur.inbox.length < 4) cur.inbox.push(item);
    else
      cur.abort(new ServiceError('UNEXPECTED_MESSAGE', 'Too many protocol messages ahead of the session.'));
  }

  private nextMpc(cur: RunningOp, curve: ServiceCurve): Promise<unknown[]> {
    if (cur.aborted) return Promise.reject(cur.aborted);
    const take = (item: { curve: ServiceCurve; frames: unknown[] }) => {
      if (item.curve !== curve)
        throw new ServiceError('UNEXPECTED_MESSAGE', 'Protocol message for another curve.');
      return item.frames;
    };
    const queued = cur.inbox.shift();
    if (queued) {
      try {
        return Promise.resolve(take(queued));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cur.waiter = undefined;
        reject(new ServiceError('TIMEOUT', 'The client did not continue the protocol in time.'));
      }, this.deps.mpcTimeoutMs);
      timer.unref?.();
      cur.waiter = (item) => {
        clearTimeout(timer);
        if (item instanceof Error) return reject(item);
        try {
          resolve(take(item));
        } catch (e) {
          reject(e);
        }
      };
    });
  }
}

function ms(t0: number): number {
  return Math.round((performance.now() - t0) * 100) / 100;
}

function encodeStep(data: StepData): unknown {
  return encode(stepData, data);
}

/** A typed, secret-free description of any failure (MPC refusals keep their code as `detail`). */
function describe(e: unknown): { code: ServiceErrorCode; message: string; detail?: string } {
  if (e instanceof ServiceError)
    return { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
  if (e instanceof MpcError) {
    if (e.code === 'MALFORMED_MESSAGE')
      return { code: 'BAD_REQUEST', message: 'The request was refused as malformed.', detail: e.code };
    if (e.code === 'PAIR_LOCKED') return { code: 'PAIR_LOCKED', message: 'The pair is locked.' };
    return { code: 'PROTOCOL_ERROR', message: 'The protocol message was refused.', detail: e.code };
  }
  return { code: 'INTERNAL', message: 'Internal error.' };
}
