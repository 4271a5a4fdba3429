import { bytesEqual } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { proveSchnorr, verifySchnorr } from '../zk/schnorr.ts';
import { checkParties, type EcdsaParties, p1Ctx, p2Ctx } from './context.ts';
import { decodePoint, G, modQ, type Point } from './curve.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from './shares.ts';
import { pointField, schnorrField, sidField } from './wire.ts';

/**
 * Health "pair check" (SPEC §4.8): with a fresh session id, the client proves knowledge of x2 for Q2 and
 * the enclave of x1 mod q for Q1; each side checks the other's public values against what it stored and
 * that Q1 + Q2 = Q. Nothing secret is revealed.
 */
export const PairCheckMsg1 = s.frame('ecdsa.paircheck.1', {
  sid: sidField,
  Q: pointField,
  Q2: pointField,
  pi2: schnorrField,
});
export const PairCheckMsg2 = s.frame('ecdsa.paircheck.2', {
  sid: sidField,
  Q1: pointField,
  pi1: schnorrField,
});
const AUX = { x1: 'ecdsa.paircheck.x1', x2: 'ecdsa.paircheck.x2' } as const;

export interface PairCheckResult {
  ok: true;
}

function assertSum(Q1: Point, Q2: Point, Q: Point): void {
  if (!Q1.add(Q2).equals(Q)) throw new MpcError('PUBLIC_KEY_MISMATCH', 'Q1 + Q2 differs from Q');
}

export class EcdsaPairCheckP2 extends EcdsaSession<PairCheckResult> {
  private next: 'ecdsa.paircheck.2' | undefined;

  constructor(private readonly opts: EcdsaParties & { share: EcdsaP2Share }) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<PairCheckResult> {
    const { share } = this.opts;
    const Q2 = decodePoint(share.Q2, 'Q2');
    if (!G.multiply(modQ(share.x2)).equals(Q2))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'x2 does not match Q2');
    const pi2 = proveSchnorr(p2Ctx(this.opts, AUX.x2), share.x2, Q2);
    this.next = 'ecdsa.paircheck.2';
    return {
      out: [
        this.write(PairCheckMsg1, {
          v: 1,
          t: 'ecdsa.paircheck.1',
          sid: this.sid,
          Q: share.Q,
          Q2: share.Q2,
          pi2,
        }),
      ],
    };
  }

  protected onMessage(json: unknown): Step<PairCheckResult> {
    const msg = this.read(PairCheckMsg2, json);
    this.next = undefined;
    const { share } = this.opts;
    if (!bytesEqual(msg.Q1, share.Q1)) throw new MpcError('PUBLIC_KEY_MISMATCH', "enclave's Q1 differs");
    const Q1 = decodePoint(msg.Q1, 'Q1');
    verifySchnorr(p1Ctx(this.opts, AUX.x1), Q1, msg.pi1);
    assertSum(Q1, decodePoint(share.Q2, 'Q2'), decodePoint(share.Q, 'Q'));
    return this.finish({ ok: true });
  }

  protected wipe(): void {}
}

export class EcdsaPairCheckP1 extends EcdsaSession<PairCheckResult> {
  private next: 'ecdsa.paircheck.1' | undefined;

  constructor(private readonly opts: EcdsaParties & { share: EcdsaP1Share }) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<PairCheckResult> {
    this.next = 'ecdsa.paircheck.1';
    return { out: [] };
  }

  protected onMessage(json: unknown): Step<PairCheckResult> {
    const msg = this.read(PairCheckMsg1, json);
    this.next = undefined;
    const { share } = this.opts;
    if (!bytesEqual(msg.Q, share.Q) || !bytesEqual(msg.Q2, share.Q2))
      throw new MpcError('PUBLIC_KEY_MISMATCH', "client's public values differ");
    const Q2 = decodePoint(msg.Q2, 'Q2');
    verifySchnorr(p2Ctx(this.opts, AUX.x2), Q2, msg.pi2);
    const Q1 = decodePoint(share.Q1, 'Q1');
    assertSum(Q1, Q2, decodePoint(share.Q, 'Q'));
    const x1 = modQ(share.x1);
    if (!G.multiply(x1).equals(Q1)) throw new MpcError('PUBLIC_KEY_MISMATCH', 'x1 does not match Q1');
    const pi1 = proveSchnorr(p1Ctx(this.opts, AUX.x1), x1, Q1);
    const out = this.write(PairCheckMsg2, { v: 1, t: 'ecdsa.paircheck.2', sid: this.sid, Q1: share.Q1, pi1 });
    return this.finish({ ok: true }, [out]);
  }

  protected wipe(): void {}
}
