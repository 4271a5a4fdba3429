import { bytesEqual } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { type PokContext, provePok, verifyPok } from './pok.ts';
import { type FrostRole, readScalar } from './roles.ts';
import { FrostSession, type SessionOptions, type WireFrame } from './session.ts';
import { checkFrostShare, type FrostClientShare, type FrostEnclaveShare, type FrostShare } from './share.ts';
import { pairCheckSchemas } from './wire.ts';

/**
 * Pair check for `checkHealth()` (SPEC §4.8): each side proves knowledge of its share, bound to a fresh sid,
 * against the verifying share the other side holds, and both hold the same public package whose verifying
 * shares combine to the group key (λ₁·Y₁ + λ₂·Y₂ = A). One round trip:
 *   1. client → enclave: client proof
 *   2. enclave → client: enclave proof and the enclave's public package
 */
export interface PairCheckResult {
  ok: true;
  pairId: string;
}

const TAG = 'pair-check';

function ctx(sid: Uint8Array, prover: FrostRole, share: FrostShare): PokContext {
  return { sid, prover, tag: TAG, pairId: share.pairId, groupKey: share.groupKey };
}

export class FrostPairCheckClient extends FrostSession<PairCheckResult> {
  private readonly share: FrostClientShare;

  constructor(opts: SessionOptions & { share: FrostClientShare }) {
    super(opts);
    if (opts.share.role !== 'client') throw new MpcError('INVALID_STATE', 'not a client share');
    this.share = { ...opts.share, signingShare: opts.share.signingShare.slice() };
  }

  protected onStart(): WireFrame[] {
    checkFrostShare(this.share, this.suite);
    const s1 = readScalar(this.share.signingShare, 'client signing share');
    const proof = provePok(ctx(this.sid, 'client', this.share), s1, this.share.verifyingShares.client);
    this.expect('frost.check.2', 2);
    return [this.frame(pairCheckSchemas.c1, { t: 'frost.check.1', round: 1, proof })];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(pairCheckSchemas.e2, frame);
    const pts = checkFrostShare(this.share, this.suite);
    if (
      !bytesEqual(m.groupKey, this.share.groupKey) ||
      !bytesEqual(m.verifyingShares.client, this.share.verifyingShares.client) ||
      !bytesEqual(m.verifyingShares.enclave, this.share.verifyingShares.enclave)
    )
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'the enclave holds a different public package for this pair');
    verifyPok(ctx(this.sid, 'enclave', this.share), pts.enclave, m.proof, this.suite, 'enclave');
    this.finish({ ok: true, pairId: this.share.pairId });
    return [];
  }

  protected wipe(): void {
    this.share.signingShare.fill(0);
  }
}

export class FrostPairCheckEnclave extends FrostSession<PairCheckResult> {
  private readonly share: FrostEnclaveShare;

  constructor(opts: SessionOptions & { share: FrostEnclaveShare }) {
    super(opts);
    if (opts.share.role !== 'enclave') throw new MpcError('INVALID_STATE', 'not an enclave share');
    this.share = { ...opts.share, signingShare: opts.share.signingShare.slice() };
  }

  protected onStart(): WireFrame[] {
    this.expect('frost.check.1', 1);
    return [];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(pairCheckSchemas.c1, frame);
    const pts = checkFrostShare(this.share, this.suite);
    verifyPok(ctx(this.sid, 'client', this.share), pts.client, m.proof, this.suite, 'client');
    const s2 = readScalar(this.share.signingShare, 'enclave signing share');
    const proof = provePok(ctx(this.sid, 'enclave', this.share), s2, this.share.verifyingShares.enclave);
    const out = this.frame(pairCheckSchemas.e2, {
      t: 'frost.check.2',
      round: 2,
      proof,
      groupKey: this.share.groupKey,
      verifyingShares: this.share.verifyingShares,
    });
    this.finish({ ok: true, pairId: this.share.pairId });
    return [out];
  }

  protected wipe(): void {
    this.share.signingShare.fill(0);
  }
}
