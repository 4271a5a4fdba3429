import { ed25519 } from '@noble/curves/ed25519.js';
import { MpcError } from '../common/errors.ts';
import { CLIENT_ID, ENCLAVE_ID, readScalar } from './roles.ts';
import { FrostSession, library, type SessionOptions, type WireFrame } from './session.ts';
import { type FrostClientShare, type FrostEnclaveShare, type FrostKey, toFrostKey } from './share.ts';
import type { Frost } from './suite.ts';
import { MAX_SIGN_MESSAGE_BYTES, signSchemas } from './wire.ts';

/**
 * Co-signing arbitrary bytes (a Solana message or transaction is just bytes) in one round trip:
 *   1. client → enclave: the message and the client's nonce commitments
 *   2. enclave → client: the enclave's nonce commitments and its signature share
 * The client makes its own share, aggregates, and returns the signature only after strict RFC 8032
 * verification (`zip215: false`). Per-share verification (`verifyShare`, the slowest call) runs only when
 * that fails, to name the culprit. Nonces are single-use: a session signs once and is then closed.
 */
type Nonces = ReturnType<Frost['commit']>['nonces'];
type Commitments = ReturnType<Frost['commit']>['commitments'];

export interface FrostSignature {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

/** Strict ed25519 verification (noble 2.4 defaults to ZIP-215; RFC 8032 strictness is what chains expect). */
export function verifyEd25519Strict(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export class FrostSignClient extends FrostSession<FrostSignature> {
  private readonly key: FrostKey;
  private readonly message: Uint8Array;
  private readonly groupKey: Uint8Array;
  private nonces: Nonces | undefined;
  private mine: Commitments | undefined;

  constructor(opts: SessionOptions & { share: FrostClientShare; message: Uint8Array }) {
    super(opts);
    if (opts.share.role !== 'client') throw new MpcError('INVALID_STATE', 'not a client share');
    if (!(opts.message instanceof Uint8Array) || opts.message.length > MAX_SIGN_MESSAGE_BYTES)
      throw new MpcError('INVALID_STATE', 'message must be at most 64 KiB of bytes');
    this.key = toFrostKey(opts.share);
    this.message = opts.message.slice();
    this.groupKey = opts.share.groupKey.slice();
  }

  protected onStart(): WireFrame[] {
    const { nonces, commitments } = this.suite.frost.commit(this.key.secret);
    this.suite.trust(commitments.hiding);
    this.suite.trust(commitments.binding);
    this.nonces = nonces;
    this.mine = commitments;
    this.expect('frost.sign.2', 2);
    return [
      this.frame(signSchemas.c1, {
        t: 'frost.sign.1',
        round: 1,
        message: this.message,
        hiding: commitments.hiding,
        binding: commitments.binding,
      }),
    ];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(signSchemas.e2, frame);
    this.suite.point(m.hiding, 'enclave hiding commitment');
    this.suite.point(m.binding, 'enclave binding commitment');
    readScalar(m.share, 'enclave signature share', { allowZero: true });
    const { frost } = this.suite;
    const list = [
      this.mine!,
      { identifier: ENCLAVE_ID, hiding: m.hiding, binding: m.binding },
    ] as Commitments[];
    const nonces = this.nonces!;
    this.nonces = undefined;
    let own: Uint8Array;
    try {
      own = library('INTERNAL', 'own signature share failed', () =>
        frost.signShare(this.key.secret, this.key.public, nonces, list, this.message),
      );
    } finally {
      nonces.hiding.fill(0);
      nonces.binding.fill(0);
    }
    let signature: Uint8Array | undefined;
    try {
      signature = frost.aggregate(this.key.public, list, this.message, {
        [CLIENT_ID]: own,
        [ENCLAVE_ID]: m.share,
      });
    } catch {
      signature = undefined;
    }
    if (!signature || !verifyEd25519Strict(signature, this.message, this.groupKey)) {
      // Only now pay for per-share verification, to name who is at fault.
      const enclaveOk = frost.verifyShare(this.key.public, list, this.message, ENCLAVE_ID, m.share);
      throw new MpcError(
        'BAD_SIGNATURE',
        enclaveOk
          ? 'aggregate signature does not verify although the enclave share does (culprit: client share)'
          : 'the enclave signature share does not verify (culprit: enclave)',
      );
    }
    this.finish({ signature: Uint8Array.from(signature), message: this.message, publicKey: this.groupKey });
    return [];
  }

  protected wipe(): void {
    this.nonces?.hiding.fill(0);
    this.nonces?.binding.fill(0);
    this.nonces = undefined;
    this.key.secret.signingShare.fill(0);
  }
}

export interface FrostCosignResult {
  /** The message the enclave co-signed (its service applies policy before `receive`, or logs after). */
  message: Uint8Array;
}

export class FrostSignEnclave extends FrostSession<FrostCosignResult> {
  private readonly key: FrostKey;
  private readonly policy: ((message: Uint8Array) => void) | undefined;

  /**
   * `policy` (optional) sees the message before any nonce is drawn and refuses by throwing (an MpcError
   * keeps its code; anything else becomes INTERNAL). The session is then aborted and nothing is signed.
   */
  constructor(opts: SessionOptions & { share: FrostEnclaveShare; policy?: (message: Uint8Array) => void }) {
    super(opts);
    if (opts.share.role !== 'enclave') throw new MpcError('INVALID_STATE', 'not an enclave share');
    this.key = toFrostKey(opts.share);
    this.policy = opts.policy;
  }

  protected onStart(): WireFrame[] {
    this.expect('frost.sign.1', 1);
    return [];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(signSchemas.c1, frame);
    this.suite.point(m.hiding, 'client hiding commitment');
    this.suite.point(m.binding, 'client binding commitment');
    this.policy?.(m.message);
    const { frost } = this.suite;
    const { nonces, commitments } = frost.commit(this.key.secret);
    this.suite.trust(commitments.hiding);
    this.suite.trust(commitments.binding);
    const list = [
      { identifier: CLIENT_ID, hiding: m.hiding, binding: m.binding },
      commitments,
    ] as Commitments[];
    let share: Uint8Array;
    try {
      share = library('INTERNAL', 'own signature share failed', () =>
        frost.signShare(this.key.secret, this.key.public, nonces, list, m.message),
      );
    } finally {
      nonces.hiding.fill(0);
      nonces.binding.fill(0);
    }
    const out = this.frame(signSchemas.e2, {
      t: 'frost.sign.2',
      round: 2,
      hiding: commitments.hiding,
      binding: commitments.binding,
      share,
    });
    this.finish({ message: m.message });
    return [out];
  }

  protected wipe(): void {
    this.key.secret.signingShare.fill(0);
  }
}
