import {
  type ChannelAuthMode,
  ChannelError,
  ChannelInitiator,
  type ChannelSigner,
  type SecureSession,
} from '../mpc/channel/index.ts';
import { type PartyMachine, pumpParty } from '../mpc/channel/party.ts';
import {
  type OperationName,
  type ServiceCurve,
  type StepData,
  servicePartyIds,
  serviceSchemas,
  sessionOperation,
  stepData,
} from '../mpc/channel/service-wire.ts';
import { decode } from '../mpc/common/codec.ts';
import { MpcError } from '../mpc/common/errors.ts';
import { deriveSessionId, sessionContribution } from '../mpc/common/session-id.ts';
import { EnclaveClientError, type EnclaveClientErrorCode } from './enclave-errors.ts';
import type { FrameTransport } from './enclave-transport.ts';

/** Maps the enclave's error codes to the client's stable codes. */
const FROM_SERVICE: Record<string, EnclaveClientErrorCode> = {
  AUTH_FAILED: 'ENCLAVE_AUTH_FAILED',
  PAIR_LOCKED: 'PAIR_LOCKED',
  PAIR_NOT_USABLE: 'PAIR_NOT_USABLE',
  UNKNOWN_PAIR: 'UNKNOWN_PAIR',
  PAIR_BUSY: 'PAIR_BUSY',
  EJECT_WINDOW_CLOSED: 'EJECT_WINDOW_CLOSED',
  RATE_LIMITED: 'RATE_LIMITED',
  SHUTTING_DOWN: 'ENCLAVE_SHUTTING_DOWN',
  TIMEOUT: 'ENCLAVE_UNREACHABLE',
  PROTOCOL_ERROR: 'PROTOCOL_ERROR',
  INTERNAL: 'INTERNAL',
};

export function serviceError(code: string, detail?: string): EnclaveClientError {
  return new EnclaveClientError(FROM_SERVICE[code] ?? 'BAD_REQUEST', undefined, detail ?? code);
}

/** A local failure while talking to the enclave, as a typed client error (never carrying a secret). */
export function asClientError(e: unknown): EnclaveClientError {
  if (e instanceof EnclaveClientError) return e;
  if (e instanceof ChannelError) {
    if (e.code === 'IDENTITY_MISMATCH') return new EnclaveClientError('ENCLAVE_IDENTITY_MISMATCH');
    return new EnclaveClientError('ENCLAVE_FAULT', undefined, e.code);
  }
  if (e instanceof MpcError) {
    // A refusal by our own state machine of what the enclave sent is an enclave fault (SPEC §5.4).
    if (e.code === 'INVALID_STATE' || e.code === 'INTERNAL' || e.code === 'NONCE_REUSE')
      return new EnclaveClientError('PROTOCOL_ERROR', undefined, e.code);
    return new EnclaveClientError('ENCLAVE_FAULT', undefined, e.code);
  }
  return new EnclaveClientError('INTERNAL');
}

export interface SessionAuth {
  mode: ChannelAuthMode;
  walletId?: string;
  signer: ChannelSigner;
}

/**
 * One authenticated secure channel to the enclave; runs operations one at a time. Frames that do not
 * belong to the running operation, or arrive out of protocol, end the session with a typed error.
 */
export class EnclaveSession {
  private nextId = 1;
  readonly peer: { enclaveId: Uint8Array; clientId: Uint8Array };

  private constructor(
    private readonly transport: FrameTransport,
    private readonly channel: SecureSession,
    readonly walletId: string | undefined,
    identityKey: Uint8Array,
    clientKey: Uint8Array,
    private readonly timeoutMs: number,
  ) {
    this.peer = servicePartyIds(identityKey, clientKey);
  }

  get transcriptHash(): Uint8Array {
    return this.channel.transcriptHash;
  }

  static async open(
    transport: FrameTransport,
    pinnedIdentityKey: Uint8Array,
    auth: SessionAuth,
    timeoutMs: number,
  ): Promise<EnclaveSession> {
    try {
      const init = new ChannelInitiator({
        pinnedIdentityKey,
        mode: auth.mode,
        signer: auth.signer,
        ...(auth.walletId !== undefined ? { walletId: auth.walletId } : {}),
      });
      transport.send(JSON.stringify(init.start()));
      const accept = parseOrFail(await transport.next(timeoutMs));
      if (accept.t === 'error') throw serviceError(String(accept.code), detailOf(accept));
      const { auth: authFrame, session } = init.receive(accept);
      transport.send(JSON.stringify(authFrame));
      const readyText = parseOrFail(await transport.next(timeoutMs));
      if (readyText.t === 'error') throw serviceError(String(readyText.code), detailOf(readyText));
      const ready = session.open(readyText) as { t?: unknown };
      if (ready?.t !== 'ready') throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'NO_READY');
      return new EnclaveSession(
        transport,
        session,
        auth.walletId,
        pinnedIdentityKey,
        auth.signer.publicKey,
        timeoutMs,
      );
    } catch (e) {
      const refusal = unreadRefusal(e, transport);
      transport.close();
      throw refusal ?? asClientError(e);
    }
  }

  close(): void {
    this.channel.close();
    this.transport.close();
  }

  /** True once closed here, by the enclave or by a failure (a kept channel is then opened afresh). */
  get isClosed(): boolean {
    return this.channel.isClosed || this.transport.isClosed;
  }

  private async receive(): Promise<Record<string, unknown>> {
    const outer = parseOrFail(await this.transport.next(this.timeoutMs));
    if (outer.t === 'error') throw serviceError(String(outer.code), detailOf(outer));
    const inner = this.channel.open(outer);
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
      throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'MALFORMED');
    return inner as Record<string, unknown>;
  }

  /**
   * Run one operation: `drive` gets an `OpIo` to read the enclave's step and pump party machines; the
   * operation's `done` result is returned. Any failure closes the session (a retry is a new session).
   */
  async run<T>(
    op: OperationName,
    params: (contribution: Uint8Array) => unknown,
    drive?: (io: OpIo) => Promise<T>,
  ): Promise<{ result: unknown; driven: T | undefined }> {
    const id = this.nextId++;
    try {
      const io = new OpIo(this, id, op);
      this.sendSealed({ v: 1, t: 'op', id, op, params: params(io.clientContribution) });
      const driven = drive ? await drive(io) : undefined;
      const done = await io.expect('done');
      return { result: decode(serviceSchemas.done, done).result, driven };
    } catch (e) {
      const refusal = unreadRefusal(e, this.transport, this.channel);
      this.close();
      throw refusal ?? asClientError(e);
    }
  }

  /** @internal */
  async receiveFor(id: number): Promise<Record<string, unknown>> {
    const m = await this.receive();
    if (m.t === 'error') {
      const err = decode(serviceSchemas.error, m);
      throw serviceError(err.code, err.detail);
    }
    if (m.id !== id) throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'WRONG_OPERATION');
    return m;
  }

  /** @internal */
  sendSealed(msg: Record<string, unknown>): void {
    this.transport.send(JSON.stringify(this.channel.seal(msg)));
  }
}

/** The running operation, seen by the method that drives it. */
export class OpIo {
  constructor(
    private readonly s: EnclaveSession,
    private readonly id: number,
    readonly op: OperationName,
  ) {}

  readonly clientContribution = sessionContribution();

  async expect(t: 'step' | 'done' | 'mpc'): Promise<Record<string, unknown>> {
    const m = await this.s.receiveFor(this.id);
    if (m.t !== t) throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'UNEXPECTED_MESSAGE');
    return m;
  }

  async step(): Promise<StepData> {
    const m = decode(serviceSchemas.step, await this.expect('step'));
    return decode(stepData, m.data);
  }

  sid(
    curve: ServiceCurve,
    walletId: string,
    pairIds: string[],
    enclaveContribution: Uint8Array,
    operation?: string,
  ): Uint8Array {
    return deriveSessionId({
      operation: operation ?? sessionOperation(this.op, curve),
      walletId,
      curve,
      pairIds,
      channelTranscriptHash: this.s.transcriptHash,
      clientContribution: this.clientContribution,
      enclaveContribution,
    });
  }

  get peer() {
    return this.s.peer;
  }

  /** Pump a client party machine to completion over this operation's `mpc` messages. */
  run<R>(curve: ServiceCurve, party: PartyMachine<R>): Promise<R> {
    return pumpParty(party, {
      send: (frames) => this.s.sendSealed({ v: 1, t: 'mpc', id: this.id, curve, frames }),
      next: async () => {
        const m = decode(serviceSchemas.mpc, await this.expect('mpc'));
        if (m.curve !== curve) throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'WRONG_CURVE');
        return m.frames;
      },
    });
  }
}

/**
 * After losing the connection, the enclave's typed refusal if it sent one we had not read yet (e.g.
 * SHUTTING_DOWN for an operation aborted by a drain while this side computed its next message). Only a lost
 * connection is replaced: any other failure (a refused proof, a timeout) stands as it is.
 */
function unreadRefusal(
  e: unknown,
  transport: FrameTransport,
  channel?: SecureSession,
): EnclaveClientError | undefined {
  const lost =
    e instanceof EnclaveClientError &&
    transport.isClosed &&
    e.detail !== 'TIMEOUT' &&
    (e.code === 'ENCLAVE_UNREACHABLE' || e.code === 'ENCLAVE_SHUTTING_DOWN' || e.code === 'RATE_LIMITED');
  if (!lost) return undefined;
  for (const text of transport.takeUnread()) {
    try {
      const outer = parseOrFail(text);
      if (outer.t === 'error') return serviceError(String(outer.code), detailOf(outer));
      if (!channel || channel.isClosed) continue;
      const inner = channel.open(outer) as Record<string, unknown> | null;
      if (inner?.t === 'error') {
        const err = decode(serviceSchemas.error, inner);
        return serviceError(err.code, err.detail);
      }
    } catch {
      // Not readable (or out of order): the connection loss stands.
      return undefined;
    }
  }
  return undefined;
}

function parseOrFail(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'MALFORMED');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new EnclaveClientError('ENCLAVE_FAULT', undefined, 'MALFORMED');
  return v as Record<string, unknown>;
}

function detailOf(m: Record<string, unknown>): string | undefined {
  return typeof m.detail === 'string' && /^[A-Z0-9_]{1,48}$/.test(m.detail) ? m.detail : undefined;
}
