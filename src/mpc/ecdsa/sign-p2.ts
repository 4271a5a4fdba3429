import { bigintToFixedBytes, bytesEqual, randomBelow } from '../common/bytes.ts';
import { verifyOpening } from '../common/commitment.ts';
import { MpcError, mpcAssert } from '../common/errors.ts';
import { PaillierPublicKey } from '../paillier/index.ts';
import { CKEY_SHIFT, computeC3, proveEcdsaSign, RHO_BOUND } from '../zk/ecdsa-sign-proof.ts';
import { SingleUse } from '../zk/precomputed.ts';
import { proveSchnorr, verifySchnorr } from '../zk/schnorr.ts';
import { checkParties, type EcdsaParties, p1Ctx, p2Ctx } from './context.ts';
import {
  checkScalar,
  decodePoint,
  digestToScalar,
  encodePoint,
  G,
  modQ,
  type Point,
  q,
  randomScalar,
} from './curve.ts';
import type { VerifiedPedersenParams } from './pedersen.ts';
import type { EcdsaP2Precompute } from './precompute.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP2Share } from './shares.ts';
import { verifiesWithRecovery } from './sign-check.ts';
import { SIGN_AUX, SignMsg1, SignMsg2, SignMsg3, SignMsg4, SignMsg5 } from './sign-messages.ts';
import { type EcdsaSignature, signatureBytes } from './signature.ts';

export interface EcdsaSignP2Options extends EcdsaParties {
  share: EcdsaP2Share;
  digest: Uint8Array;
  pedersen: VerifiedPedersenParams;
  /** Tables and randomness pools made ahead of time for this share (optional). */
  precompute?: EcdsaP2Precompute;
}

/**
 * Client side of the co-signature. Any fault of the enclave (bad opening, proof, point, final signature)
 * aborts with a typed error and nothing is returned (SPEC §5.4); x2 never leaves this object.
 */
export class EcdsaSignP2 extends EcdsaSession<EcdsaSignature> {
  private readonly opts: EcdsaSignP2Options;
  private readonly m: bigint;
  private readonly Q: Point;
  private readonly Q2: Point;
  private k2 = 0n;
  private R2?: Point;
  private com?: Uint8Array;
  private r = 0n;
  private next: 'ecdsa.sign.1' | 'ecdsa.sign.3' | 'ecdsa.sign.5' | undefined;

  constructor(opts: EcdsaSignP2Options) {
    super(opts.sid);
    checkParties(opts);
    this.opts = opts;
    this.m = digestToScalar(opts.digest);
    this.Q = decodePoint(opts.share.Q, 'Q');
    this.Q2 = decodePoint(opts.share.Q2, 'Q2');
    mpcAssert(
      !opts.precompute ||
        (bytesEqual(opts.precompute.pedersen.hash, opts.pedersen.hash) &&
          opts.precompute.paillier.n === opts.share.N &&
          opts.precompute.cKey === opts.share.cKey),
      'INVALID_STATE',
      'precomputation made for another share or other parameters',
    );
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaSignature> {
    this.next = 'ecdsa.sign.1';
    return { out: [] };
  }

  protected onMessage(json: unknown): Step<EcdsaSignature> {
    switch (this.next) {
      case 'ecdsa.sign.1':
        return this.onCommitment(json);
      case 'ecdsa.sign.3':
        return this.onOpening(json);
      default:
        return this.onSignature(json);
    }
  }

  private onCommitment(json: unknown): Step<EcdsaSignature> {
    const msg = this.read(SignMsg1, json);
    this.com = msg.com;
    this.k2 = randomScalar();
    this.R2 = G.multiply(this.k2);
    const pi2 = proveSchnorr(p2Ctx(this.opts, SIGN_AUX.R2), this.k2, this.R2);
    this.next = 'ecdsa.sign.3';
    return {
      out: [this.write(SignMsg2, { v: 1, t: 'ecdsa.sign.2', sid: this.sid, R2: encodePoint(this.R2), pi2 })],
    };
  }

  private onOpening(json: unknown): Step<EcdsaSignature> {
    const msg = this.read(SignMsg3, json);
    const { share, pedersen, precompute } = this.opts;
    verifyOpening(
      { sid: this.sid, pid: this.opts.p1Id, tag: SIGN_AUX.commitR1 },
      this.com!,
      [this.opts.digest, msg.R1, msg.pi1.A, bigintToFixedBytes(msg.pi1.z, 32)],
      msg.rand,
    );
    const R1 = decodePoint(msg.R1, 'R1');
    verifySchnorr(p1Ctx(this.opts, SIGN_AUX.R1), R1, msg.pi1);
    const R = R1.multiply(this.k2);
    this.r = modQ(R.x);
    mpcAssert(this.r !== 0n, 'BAD_SCALAR', 'r is zero');
    const pk = precompute?.paillier ?? new PaillierPublicKey(share.N);
    const cKeyShifted = precompute?.cKeyShifted ?? pk.addPlain(share.cKey, CKEY_SHIFT);
    // With a precomputation, c3's mask ρ comes with the proof's masks made ahead of time, and c3's
    // randomness with its table (each used once).
    const pooled = precompute && { masks: precompute.takeMasks(), enc: precompute.takeC3Randomness() };
    const rho = pooled ? pooled.masks.rho : randomBelow(RHO_BOUND);
    const enc = pooled ? pooled.enc : pk.randomness();
    const wit = { k2: this.k2, x2: share.x2, rho, rc: enc.r };
    const base = { N: share.N, cKeyShifted, m: this.m, r: this.r };
    const c3 = computeC3(base, wit, enc.rn, precompute ? (e) => precompute.cKeyPow(e) : undefined);
    const proof = proveEcdsaSign(
      p2Ctx(this.opts, SIGN_AUX.c3),
      pedersen.bases,
      { ...base, c3, Q2: this.Q2, R2: this.R2! },
      wit,
      pooled && {
        ...precompute.proverAccel(),
        masks: new SingleUse(pooled.masks),
        rcTable: pooled.enc.table,
      },
    );
    this.k2 = 0n;
    this.next = 'ecdsa.sign.5';
    return { out: [this.write(SignMsg4, { v: 1, t: 'ecdsa.sign.4', sid: this.sid, c3, proof })] };
  }

  private onSignature(json: unknown): Step<EcdsaSignature> {
    const msg = this.read(SignMsg5, json);
    checkScalar(msg.r, 'r');
    checkScalar(msg.s, 's');
    if (msg.r !== this.r) throw new MpcError('BAD_SIGNATURE', 'signature r differs from the joint nonce');
    if (msg.s > q >> 1n) throw new MpcError('BAD_SIGNATURE', 'signature is not low-s');
    const bytes = signatureBytes(msg.r, msg.s);
    // noble's verify + recoverPublicKey(recid) = Q, in one double-scalar multiplication (sign-check.ts).
    const ok = verifiesWithRecovery(msg.r, msg.s, msg.recid, this.m, this.Q);
    if (!ok) throw new MpcError('BAD_SIGNATURE', 'co-signature does not verify against the wallet key');
    return this.finish({ r: msg.r, s: msg.s, v: msg.recid, bytes });
  }

  protected wipe(): void {
    this.k2 = 0n;
  }
}
