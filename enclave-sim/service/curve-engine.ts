import type { PartyMachine } from '../../src/mpc/channel/party.ts';
import type { Curve } from '../store/wallet-store.ts';

/** A new pair's enclave half, ready to be sealed and stored, and the wallet's public key on its curve. */
export interface NewEnclaveHalf {
  share: unknown;
  publicKey: Uint8Array;
}

/**
 * The enclave side of one curve's protocols, as party machines (SPEC §5). Shares are passed as their stored
 * JSON records; the engine decodes and checks them. Implemented for ed25519 (FROST) and secp256k1 (ECDSA-2PC).
 */
export interface CurveEngine {
  readonly curve: Curve;
  keygen(sid: Uint8Array, pairId: string, peer: PeerInfo): PartyMachine<NewEnclaveHalf>;
  /** Refresh or backup pair: a new pair for the same public key from `previous` (which the machine never deletes). */
  derive(
    sid: Uint8Array,
    pairId: string,
    mode: 'refresh' | 'backup',
    previous: unknown,
    peer: PeerInfo,
  ): PartyMachine<NewEnclaveHalf>;
  /** Co-sign; `digest` is the enclave's own hash of the payload (ECDSA), undefined for ed25519 (bytes in-frame). */
  sign(sid: Uint8Array, share: unknown, peer: PeerInfo, digest?: Uint8Array): PartyMachine<unknown>;
  pairCheck(sid: Uint8Array, share: unknown, peer: PeerInfo): PartyMachine<unknown>;
  eject(sid: Uint8Array, share: unknown, peer: PeerInfo): PartyMachine<unknown>;
  /** True when a co-signature failed at its final verification (the pair must be LOCKED, SPEC §5.4). */
  isFinalSignatureFailure(err: unknown): boolean;
}

/** Who the enclave talks to: the party ids MPC proofs bind (hashes of the enclave and client static keys). */
export interface PeerInfo {
  enclaveId: Uint8Array;
  clientId: Uint8Array;
}

/** Map a machine's result without touching its frames. */
export function mapParty<A, B>(m: PartyMachine<A>, fn: (a: A) => B): PartyMachine<B> {
  return {
    start: () => m.start(),
    receive: (f) => m.receive(f),
    get done() {
      return m.done;
    },
    result: () => fn(m.result()),
    abort: () => m.abort(),
  };
}

/** The same engine, calling `touch` whenever one of its machines starts or receives (idle-time detection). */
export function withActivity(engine: CurveEngine, touch: () => void): CurveEngine {
  const watch = <R>(m: PartyMachine<R>): PartyMachine<R> => ({
    start: () => {
      touch();
      return m.start();
    },
    receive: (f) => {
      touch();
      return m.receive(f);
    },
    get done() {
      return m.done;
    },
    result: () => m.result(),
    abort: () => m.abort(),
  });
  return {
    curve: engine.curve,
    keygen: (...a) => watch(engine.keygen(...a)),
    derive: (...a) => watch(engine.derive(...a)),
    sign: (...a) => watch(engine.sign(...a)),
    pairCheck: (...a) => watch(engine.pairCheck(...a)),
    eject: (...a) => watch(engine.eject(...a)),
    isFinalSignatureFailure: (e) => engine.isFinalSignatureFailure(e),
  };
}
