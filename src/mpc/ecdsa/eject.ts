import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { proveSchnorr, verifySchnorr } from '../zk/schnorr.ts';
import { checkParties, type EcdsaParties, p2Ctx } from './context.ts';
import { checkScalar, decodePoint, G, modQ, scalarToBytes } from './curve.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from './shares.ts';
import { scalarField, schnorrField, sidField } from './wire.ts';

/**
 * Eject (SPEC §4.7): the client proves knowledge of x2 for the pair's Q2 (Schnorr bound to the session id
 * and its party id); only then does the enclave release x1 mod q (inside the secure channel, which is the
 * caller's). The client checks x1·G = Q1 and (x1 + x2)·G = Q before it has a private key. Marking the pair
 * EJECT_PENDING / EJECTED and erasing the enclave's half are the caller's two-phase steps.
 */
export const EjectMsg1 = s.frame('ecdsa.eject.1', { sid: sidField, pi: schnorrField });
export const EjectMsg2 = s.frame('ecdsa.eject.2', { sid: sidField, x1: scalarField });
const AUX_PROOF = 'ecdsa.eject.x2';

export interface EcdsaEjectResult {
  /** The full private key x = x1 + x2 mod q, 32 bytes big-endian. */
  privateKey: Uint8Array;
}

export class EcdsaEjectP2 extends EcdsaSession<EcdsaEjectResult> {
  private next: 'ecdsa.eject.2' | undefined;

  constructor(private readonly opts: EcdsaParties & { share: EcdsaP2Share }) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaEjectResult> {
    const { share } = this.opts;
    const Q2 = decodePoint(share.Q2, 'Q2');
    const pi = proveSchnorr(p2Ctx(this.opts, AUX_PROOF), share.x2, Q2);
    this.next = 'ecdsa.eject.2';
    return { out: [this.write(EjectMsg1, { v: 1, t: 'ecdsa.eject.1', sid: this.sid, pi })] };
  }

  protected onMessage(json: unknown): Step<EcdsaEjectResult> {
    const msg = this.read(EjectMsg2, json);
    this.next = undefined;
    const { share } = this.opts;
    const x1 = checkScalar(msg.x1, 'x1');
    if (!G.multiply(x1).equals(decodePoint(share.Q1, 'Q1')))
      throw new MpcError('PUBLIC_KEY_MISMATCH', "enclave's half does not match Q1");
    const x = modQ(x1 + share.x2);
    if (x === 0n || !G.multiply(x).equals(decodePoint(share.Q, 'Q')))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'combined key does not match Q');
    return this.finish({ privateKey: scalarToBytes(x) });
  }

  protected wipe(): void {}
}

export class EcdsaEjectP1 extends EcdsaSession<{ released: true }> {
  private next: 'ecdsa.eject.1' | undefined;

  constructor(private readonly opts: EcdsaParties & { share: EcdsaP1Share }) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<{ released: true }> {
    this.next = 'ecdsa.eject.1';
    return { out: [] };
  }

  protected onMessage(json: unknown): Step<{ released: true }> {
    const msg = this.read(EjectMsg1, json);
    this.next = undefined;
    const { share } = this.opts;
    verifySchnorr(p2Ctx(this.opts, AUX_PROOF), decodePoint(share.Q2, 'Q2'), msg.pi);
    const out = this.write(EjectMsg2, { v: 1, t: 'ecdsa.eject.2', sid: this.sid, x1: modQ(share.x1) });
    return this.finish({ released: true }, [out]);
  }

  protected wipe(): void {}
}
