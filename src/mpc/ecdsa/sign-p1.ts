import { bigintToFixedBytes } from '../common/bytes.ts';
import { commit } from '../common/commitment.ts';
import { mpcAssert } from '../common/errors.ts';
import { PaillierPrivateKey } from '../paillier/index.ts';
import { CKEY_SHIFT, verifyEcdsaSign } from '../zk/ecdsa-sign-proof.ts';
import { proveSchnorr, verifySchnorr } from '../zk/schnorr.ts';
import { checkParties, type EcdsaParties, p1Ctx, p2Ctx } from './context.ts';
import {
  decodePoint,
  digestToScalar,
  encodePoint,
  G,
  invQ,
  modQ,
  type Point,
  q,
  randomScalar,
} from './curve.ts';
import { type PairGuard, PairLockedError } from './guard.ts';
import type { EnclavePedersen } from './pedersen.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP1Share } from './shares.ts';
import { paillierVerifierAccel } from './sign-accel.ts';
import { verifiesWithRecovery } from './sign-check.ts';
import { SIGN_AUX, SignMsg1, SignMsg2, SignMsg3, SignMsg4, SignMsg5 } from './sign-messages.ts';
import { type EcdsaSignature, signatureBytes } from './signature.ts';

/** P1's per-share values derived once (Paillier key, decoded points, the c3 proof's fast path). */
interface P1Prepared {
  key: PaillierPrivateKey;
  Q: Point;
  Q2: Point;
  cKeyShifted: bigint;
  accel: ReturnType<typeof paillierVerifierAccel>;
}
const prepared = new WeakMap<EcdsaP1Share, P1Prepared>();

export function prepareP1Share(share: EcdsaP1Share): P1Prepared {
  let p = prepared.get(share);
  if (!p) {
    const key = PaillierPrivateKey.fromPrimes(share.paillierP, share.paillierQ);
    const cKeyShifted = key.publicKey.addPlain(share.cKey, CKEY_SHIFT);
    p = {
      key,
      Q: decodePoint(share.Q, 'Q'),
      // The statement uses Q − x1·G (as cb-mpc): a share whose x1 does not match Q fails the proof.
      Q2: decodePoint(share.Q, 'Q').subtract(G.multiply(modQ(share.x1))),
      cKeyShifted,
      accel: paillierVerifierAccel(key, cKeyShifted),
    };
    prepared.set(share, p);
  }
  return p;
}

export interface EcdsaSignP1Options extends EcdsaParties {
  share: EcdsaP1Share;
  /** The 32-byte digest to sign (the enclave computes it from the payload itself). */
  digest: Uint8Array;
  pedersen: EnclavePedersen;
  /** Failure rule (SPEC §5.4): refuses a locked or busy pair; locks it when the final signature fails. */
  guard?: PairGuard;
}

/** Enclave side of the co-signature; outputs (r, s, v) only after verifying it against Q. */
export class EcdsaSignP1 extends EcdsaSession<EcdsaSignature> {
  private readonly opts: EcdsaSignP1Options;
  private readonly m: bigint;
  private k1 = 0n;
  private R1?: Point;
  private R?: Point;
  private opening?: { R1: Uint8Array; pi1: { A: Uint8Array; z: bigint }; rand: Uint8Array };
  private R2?: Point;
  private next: 'ecdsa.sign.2' | 'ecdsa.sign.4' | undefined;
  private guardHeld = false;
  /** True when the final signature failed verification: the pair must be locked (SPEC §5.4). */
  failedFinalSignature = false;

  constructor(opts: EcdsaSignP1Options) {
    super(opts.sid);
    checkParties(opts);
    this.opts = opts;
    this.m = digestToScalar(opts.digest);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaSignature> {
    const { guard, share } = this.opts;
    if (guard) {
      guard.begin(share.pairId);
      this.guardHeld = true;
    }
    prepareP1Share(share);
    this.k1 = randomScalar();
    this.R1 = G.multiply(this.k1);
    const R1b = encodePoint(this.R1);
    const pi1 = proveSchnorr(p1Ctx(this.opts, SIGN_AUX.R1), this.k1, this.R1);
    // The commitment binds the digest too: P2 refuses an opening made for another message.
    const c = commit({ sid: this.sid, pid: this.opts.p1Id, tag: SIGN_AUX.commitR1 }, [
      this.opts.digest,
      R1b,
      pi1.A,
      bigintToFixedBytes(pi1.z, 32),
    ]);
    this.opening = { R1: R1b, pi1, rand: c.randomness };
    this.next = 'ecdsa.sign.2';
    return { out: [this.write(SignMsg1, { v: 1, t: 'ecdsa.sign.1', sid: this.sid, com: c.commitment })] };
  }

  protected onMessage(json: unknown): Step<EcdsaSignature> {
    if (this.next === 'ecdsa.sign.2') {
      const msg = this.read(SignMsg2, json);
      const R2 = decodePoint(msg.R2, 'R2');
      verifySchnorr(p2Ctx(this.opts, SIGN_AUX.R2), R2, msg.pi2);
      this.R2 = R2;
      this.R = R2.multiply(this.k1);
      const o = this.opening!;
      this.next = 'ecdsa.sign.4';
      return {
        out: [
          this.write(SignMsg3, {
            v: 1,
            t: 'ecdsa.sign.3',
            sid: this.sid,
            R1: o.R1,
            pi1: o.pi1,
            rand: o.rand,
          }),
        ],
      };
    }
    const msg = this.read(SignMsg4, json);
    this.next = undefined;
    return this.finishSignature(msg.c3, msg.proof);
  }

  private finishSignature(c3: bigint, proof: Parameters<typeof verifyEcdsaSign>[3]): Step<EcdsaSignature> {
    const { share, pedersen } = this.opts;
    const pre = prepareP1Share(share);
    const N = pre.key.n;
    // c3 ∈ Z*_{N²} is the first check inside verifyEcdsaSign (BAD_CIPHERTEXT).
    const r = modQ(this.R!.x);
    mpcAssert(r !== 0n, 'BAD_SCALAR', 'r is zero');
    const { c3Plain } = verifyEcdsaSign(
      p2Ctx(this.opts, SIGN_AUX.c3),
      pedersen.bases,
      { N, cKeyShifted: pre.cKeyShifted, c3, Q2: pre.Q2, R2: this.R2!, m: this.m, r },
      proof,
      {
        paillier: pre.accel,
        ...(pedersen.commit ? { pedersen: pedersen.commit } : {}),
        ...(pedersen.pow ? { pedersenPow: pedersen.pow } : {}),
      },
    );
    const sPrime = this.decryptSignaturePart(pre.key, c3, c3Plain);
    // Plaintexts in the upper half of Z_N stand for negative integers (cb-mpc).
    const negative = sPrime >= (N + 1n) >> 1n;
    let s = modQ(modQ(sPrime) - (negative ? modQ(N) : 0n));
    s = modQ(s * invQ(this.k1));
    let v = (this.R!.y & 1n) === 1n ? 1 : 0;
    if (this.R!.x >= q) v |= 2;
    if (s > q >> 1n) {
      s = q - s;
      v ^= 1;
    }
    const sig: EcdsaSignature = { r, s, v, bytes: signatureBytes(r, s) };
    if (!this.verifies(sig, pre.Q)) {
      this.failedFinalSignature = true;
      this.opts.guard?.lock(share.pairId);
      throw new PairLockedError('final signature failed verification; the pair is locked');
    }
    const out = this.write(SignMsg5, { v: 1, t: 'ecdsa.sign.5', sid: this.sid, r, s, recid: v });
    return this.finish(sig, [out]);
  }

  /**
   * Dec(c3) (`known` when the proof check already computed it); a seam for tests that model a faulty
   * decryption (the failure rule).
   */
  protected decryptSignaturePart(key: PaillierPrivateKey, c3: bigint, known?: bigint): bigint {
    return known ?? key.decrypt(c3);
  }

  private verifies(sig: EcdsaSignature, Q: Point): boolean {
    // noble's verify + recoverPublicKey(v) = Q, in one double-scalar multiplication (sign-check.ts).
    return verifiesWithRecovery(sig.r, sig.s, sig.v, this.m, Q);
  }

  protected wipe(): void {
    this.k1 = 0n;
    this.opening = undefined;
    if (this.guardHeld) {
      this.guardHeld = false;
      this.opts.guard?.end(this.opts.share.pairId);
    }
  }
}
