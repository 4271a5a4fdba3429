import { MpcError } from '../common/errors.ts';

/**
 * One party of a two-party protocol as the service layer drives it: frames are JSON values. Adapts the
 * FROST state machines (JSON-object frames) and the ECDSA ones (JSON-text frames, `Step` results) to one
 * shape, so the enclave and the client pump either kind the same way over the channel.
 */
export interface PartyMachine<R> {
  start(): unknown[];
  receive(frame: unknown): unknown[];
  readonly done: boolean;
  result(): R;
  abort(): void;
}

interface FrostLike<R> {
  start(): Record<string, unknown>[];
  receive(frame: unknown): Record<string, unknown>[];
  readonly done: boolean;
  result(): R;
  abort(): void;
}

export function frostParty<R>(s: FrostLike<R>): PartyMachine<R> {
  return s;
}

interface EcdsaLike<R> {
  start(): { out: string[]; result?: R };
  receive(frame: string): { out: string[]; result?: R };
  readonly state: string;
  readonly result: R | undefined;
}

export function ecdsaParty<R>(s: EcdsaLike<R>): PartyMachine<R> {
  const parse = (out: string[]) => out.map((t) => JSON.parse(t) as unknown);
  return {
    start: () => parse(s.start().out),
    receive: (frame) => parse(s.receive(JSON.stringify(frame)).out),
    get done() {
      return s.state === 'done';
    },
    result: () => {
      if (s.state !== 'done' || s.result === undefined)
        throw new MpcError('INVALID_STATE', 'session has no result');
      return s.result;
    },
    // An ECDSA session aborts itself (and wipes its nonces) on any refusal; an abandoned one is never resumed.
    abort: () => {},
  };
}

/**
 * Drive one party to completion. `send` ships outbound frames; `next` resolves with the peer's next frames.
 * `beforeLastSend` runs when the party is done but before its final frames leave (the enclave persists a
 * new pair there, SPEC §4.6: "stores the new pair before its last message").
 */
export async function pumpParty<R>(
  party: PartyMachine<R>,
  io: { send(frames: unknown[]): void; next(): Promise<unknown[]> },
  beforeLastSend?: (result: R) => void | Promise<void>,
): Promise<R> {
  try {
    let out = party.start();
    for (;;) {
      if (party.done) {
        const r = party.result();
        await beforeLastSend?.(r);
        if (out.length) io.send(out);
        return r;
      }
      if (out.length) io.send(out);
      const inbound = await io.next();
      if (inbound.length === 0) throw new MpcError('UNEXPECTED_MESSAGE', 'empty protocol message');
      out = [];
      for (const f of inbound) {
        if (party.done)
          throw new MpcError('UNEXPECTED_MESSAGE', 'protocol frames after the end of the session');
        out.push(...party.receive(f));
      }
    }
  } catch (e) {
    party.abort();
    throw e;
  }
}
