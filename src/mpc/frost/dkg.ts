import { bytesEqual } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { Fn, type FrostRole, idOf, LAMBDA, peerOf, readScalar, SIGNERS, scalarBytes } from './roles.ts';
import { FrostSession, library, type SessionOptions, type WireFrame } from './session.ts';
import {
  checkFrostShare,
  type FrostClientShare,
  type FrostKey,
  type FrostShare,
  fromFrostKey,
} from './share.ts';
import type { Frost } from './suite.ts';
import { type DkgMode, dkgSchemas } from './wire.ts';

/**
 * Two-party DKG (SPEC §5.2) with the library's `DKG.round1..3`, in four frames:
 *   1. client → enclave: client's round-1 package (VSS commitment, proof of knowledge)
 *   2. enclave → client: enclave's round-1 package + its round-2 share for the client (secret)
 *   3. client → enclave: client's round-2 share for the enclave (secret) + the public package it computed
 *   4. enclave → client: the public package the enclave computed
 * Both sides compare the group key and verifying shares. The enclave may see the client's commitment before
 * choosing its own; the proofs of knowledge stop rogue keys (it cannot cancel the client's contribution).
 *
 * Refresh and backup pair re-run the same DKG with secret = λᵢ·sᵢ (λ₁ = 2, λ₂ = −1), so the new constant
 * terms sum to λ₁·Y₁ + λ₂·Y₂ = A: each side checks that the peer's new constant commitment is λⱼ·Yⱼ and that
 * the group key did not change. The new pair's shares are independent of the old pair's: old and new shares
 * never combine. A backup pair is the same run with the old pair kept (the state machines delete nothing).
 */
export type DkgResult<R extends FrostRole> = {
  share: FrostShare<R>;
  mode: DkgMode;
  /** Refresh/backup: the pair this one was derived from (kept for a backup, retired after a refresh). */
  previousPairId?: string;
};

export type DkgOptions<R extends FrostRole> = SessionOptions & { pairId: string } & (
    | { mode: 'keygen' }
    | { mode: 'refresh' | 'backup'; previous: FrostShare<R> }
  );

const PAIR_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type DkgSecret = ReturnType<Frost['DKG']['round1']>['secret'];
type Round1 = ReturnType<Frost['DKG']['round1']>['public'];

abstract class DkgParty<R extends FrostRole> extends FrostSession<DkgResult<R>> {
  protected readonly schemas: ReturnType<typeof dkgSchemas<DkgMode>>;
  protected readonly mode: DkgMode;
  protected readonly pairId: string;
  protected readonly previous: FrostShare<R> | undefined;
  protected dkgSecret: DkgSecret | undefined;

  constructor(
    protected readonly role: R,
    opts: DkgOptions<R>,
  ) {
    super(opts);
    if (!PAIR_ID.test(opts.pairId))
      throw new MpcError('INVALID_STATE', 'pair id must be 1..128 of [A-Za-z0-9._:-]');
    this.mode = opts.mode;
    this.pairId = opts.pairId;
    this.schemas = dkgSchemas(opts.mode);
    if (opts.mode !== 'keygen') {
      if (opts.previous.role !== role)
        throw new MpcError('INVALID_STATE', 'previous share has the wrong role');
      if (opts.previous.pairId === opts.pairId)
        throw new MpcError('INVALID_STATE', 'new pair id must differ from the previous one');
      checkFrostShare(opts.previous, this.suite);
      this.previous = opts.previous;
    }
  }

  /** Our round 1: random secret for keygen, λᵢ·sᵢ for refresh/backup. */
  protected round1(): Round1 {
    let secret: Uint8Array | undefined;
    if (this.previous) {
      const si = readScalar(this.previous.signingShare, 'previous signing share');
      secret = scalarBytes(Fn.mul(LAMBDA[this.role], si));
    }
    const r1 = this.suite.frost.DKG.round1(idOf(this.role), SIGNERS, secret);
    secret?.fill(0);
    this.dkgSecret = r1.secret;
    return r1.public;
  }

  /** Validate the peer's round-1 package before the library sees it. */
  protected peerRound1(commitment: Uint8Array[], proof: Uint8Array): Round1 {
    const peer = peerOf(this.role);
    const c0 = this.suite.point(commitment[0] ?? new Uint8Array(), `${peer} commitment[0]`);
    this.suite.point(commitment[1] ?? new Uint8Array(), `${peer} commitment[1]`);
    this.suite.point(proof.subarray(0, 32), `${peer} proof of knowledge R`);
    readScalar(proof.subarray(32), `${peer} proof of knowledge z`, { allowZero: true });
    if (this.previous) {
      const Yj = this.suite.point(this.previous.verifyingShares[peer], `${peer} previous verifying share`);
      if (!c0.equals(Yj.multiplyUnsafe(LAMBDA[peer])))
        throw new MpcError(
          'BAD_COMMITMENT',
          `${peer} refresh commitment is not λ·(its previous verifying share)`,
        );
    }
    return { identifier: idOf(peer), commitment, proofOfKnowledge: proof } as Round1;
  }

  protected round2(peerR1: Round1): Uint8Array {
    const secret = this.dkgSecret!;
    const peer = peerOf(this.role);
    const out = library('BAD_PROOF', `${peer} DKG proof of knowledge does not verify`, () =>
      this.suite.frost.DKG.round2(secret, [peerR1]),
    );
    const pkg = out[idOf(peer)];
    if (!pkg) throw new MpcError('INTERNAL', 'missing round-2 package');
    return Uint8Array.from(pkg.signingShare);
  }

  protected round3(peerR1: Round1, peerShare: Uint8Array): FrostShare<R> {
    const secret = this.dkgSecret!;
    const peer = peerOf(this.role);
    readScalar(peerShare, `${peer} DKG share`);
    const key = library('BAD_PROOF', `${peer} DKG share does not match its commitment`, () =>
      this.suite.frost.DKG.round3(secret, [peerR1], [{ identifier: idOf(peer), signingShare: peerShare }]),
    );
    this.dkgSecret = undefined;
    const share = fromFrostKey(this.role, this.pairId, key);
    wipeKey(key);
    checkFrostShare(share, this.suite);
    if (this.previous && !bytesEqual(share.groupKey, this.previous.groupKey))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'refresh changed the group key');
    return share;
  }

  /** Both sides must have computed the same public package. */
  protected comparePublic(
    mine: FrostShare<R>,
    theirs: { groupKey: Uint8Array; verifyingShares: { client: Uint8Array; enclave: Uint8Array } },
  ): void {
    const peer = peerOf(this.role);
    if (
      !bytesEqual(mine.groupKey, theirs.groupKey) ||
      !bytesEqual(mine.verifyingShares.client, theirs.verifyingShares.client) ||
      !bytesEqual(mine.verifyingShares.enclave, theirs.verifyingShares.enclave)
    )
      throw new MpcError('PUBLIC_KEY_MISMATCH', `${peer} computed a different group key or verifying shares`);
  }

  protected result_(share: FrostShare<R>): DkgResult<R> {
    return this.previous
      ? { share, mode: this.mode, previousPairId: this.previous.pairId }
      : { share, mode: this.mode };
  }

  protected wipe(): void {
    if (this.dkgSecret) {
      try {
        this.suite.frost.DKG.clean(this.dkgSecret);
      } catch {
        // already consumed by round3
      }
    }
    this.dkgSecret = undefined;
  }
}

function wipeKey(key: FrostKey): void {
  key.secret.signingShare.fill(0);
}

export class FrostDkgClient extends DkgParty<'client'> {
  private peerR1: Round1 | undefined;
  private share: FrostClientShare | undefined;

  constructor(opts: DkgOptions<'client'>) {
    super('client', opts);
  }

  protected onStart(): WireFrame[] {
    const r1 = this.round1();
    this.expect(`frost.${this.mode}.2`, 2);
    return [
      this.frame(this.schemas.c1, {
        t: `frost.${this.mode}.1`,
        round: 1,
        commitment: r1.commitment,
        proof: r1.proofOfKnowledge,
      }),
    ];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    if (!this.share) {
      const m = this.open(this.schemas.e2, frame);
      this.peerR1 = this.peerRound1(m.commitment, m.proof);
      const forEnclave = this.round2(this.peerR1);
      const share = this.round3(this.peerR1, m.share);
      m.share.fill(0);
      this.share = share;
      this.expect(`frost.${this.mode}.4`, 4);
      const out = this.frame(this.schemas.c3, {
        t: `frost.${this.mode}.3`,
        round: 3,
        share: forEnclave,
        groupKey: share.groupKey,
        verifyingShares: share.verifyingShares,
      });
      forEnclave.fill(0);
      return [out];
    }
    const m = this.open(this.schemas.e4, frame);
    this.comparePublic(this.share, m);
    this.finish(this.result_(this.share));
    return [];
  }

  protected override wipe(): void {
    super.wipe();
    // An aborted run never hands out its share; a finished one has (finish marks done before wiping).
    if (!this.done) this.share?.signingShare.fill(0);
  }
}

export class FrostDkgEnclave extends DkgParty<'enclave'> {
  private peerR1: Round1 | undefined;

  constructor(opts: DkgOptions<'enclave'>) {
    super('enclave', opts);
  }

  protected onStart(): WireFrame[] {
    this.expect(`frost.${this.mode}.1`, 1);
    return [];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    if (!this.peerR1) {
      const m = this.open(this.schemas.c1, frame);
      const peerR1 = this.peerRound1(m.commitment, m.proof);
      const r1 = this.round1();
      const forClient = this.round2(peerR1);
      this.peerR1 = peerR1;
      this.expect(`frost.${this.mode}.3`, 3);
      const out = this.frame(this.schemas.e2, {
        t: `frost.${this.mode}.2`,
        round: 2,
        commitment: r1.commitment,
        proof: r1.proofOfKnowledge,
        share: forClient,
      });
      forClient.fill(0);
      return [out];
    }
    const m = this.open(this.schemas.c3, frame);
    const share = this.round3(this.peerR1, m.share);
    m.share.fill(0);
    try {
      this.comparePublic(share, m);
    } catch (e) {
      share.signingShare.fill(0);
      throw e;
    }
    const out = this.frame(this.schemas.e4, {
      t: `frost.${this.mode}.4`,
      round: 4,
      groupKey: share.groupKey,
      verifyingShares: share.verifyingShares,
    });
    this.finish(this.result_(share));
    return [out];
  }
}
