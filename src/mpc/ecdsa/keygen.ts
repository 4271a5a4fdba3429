import { bigintToFixedBytes } from '../common/bytes.ts';
import { commit, verifyOpening } from '../common/commitment.ts';
import { MpcError } from '../common/errors.ts';
import { assertCiphertext, generatePaillierKey, type PaillierPrivateKey } from '../paillier/index.ts';
import {
  type KeyEncryptionPrecomputation,
  proveKeyEncryption,
  verifyKeyEncryption,
} from '../zk/key-encryption.ts';
import { assertPaillierPublicKeyValid, proveValidPaillier } from '../zk/paillier-valid.ts';
import { proveSchnorr, type SchnorrProof, verifySchnorr } from '../zk/schnorr.ts';
import { checkParties, type EcdsaParties, p1Ctx, p2Ctx } from './context.ts';
import { decodePoint, encodePoint, G, type Point, randomScalar } from './curve.ts';
import { KEYGEN_AUX, KeygenMsg1, KeygenMsg2, KeygenMsg3 } from './keygen-messages.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from './shares.ts';

export interface EcdsaKeygenOptions extends EcdsaParties {
  pairId: string;
}

export interface EcdsaKeygenP1Options extends EcdsaKeygenOptions {
  /** A Paillier key made ahead of time by the enclave (never reused across pairs); generated when absent. */
  paillierKey?: PaillierPrivateKey;
  /** The keygen proofs' first messages for that key, made in idle time (single use; zk/precomputed.ts). */
  keyProofPrecomputation?: KeyEncryptionPrecomputation;
  /**
   * Instead of the two above: where to take them from, called once, when P2's frame has arrived and the key
   * is needed. Taking from a key pool starts its refill work; taken this late, that work cannot hold up
   * P2's frame (it runs after this party has answered, while P2 verifies).
   */
  freshKey?: () => FreshKeygenKey;
}

export interface FreshKeygenKey {
  key: PaillierPrivateKey;
  keyProofPrecomputation?: KeyEncryptionPrecomputation;
}

function openingValues(Q1: Uint8Array, pi: SchnorrProof): Uint8Array[] {
  return [Q1, pi.A, bigintToFixedBytes(pi.z, 32)];
}

function jointKey(Q1: Point, Q2: Point): Point {
  const Q = Q1.add(Q2);
  if (Q.is0()) throw new MpcError('BAD_POINT', 'joint public key is the identity');
  return Q;
}

/** Enclave side of key generation (Paillier owner). Its result is ready with the last frame it sends. */
export class EcdsaKeygenP1 extends EcdsaSession<EcdsaP1Share> {
  private x1 = 0n;
  private Q1?: Point;
  private pi1?: SchnorrProof;
  private rand?: Uint8Array;
  private next: 'ecdsa.keygen.2' | undefined;

  constructor(private readonly opts: EcdsaKeygenP1Options) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaP1Share> {
    this.x1 = randomScalar();
    this.Q1 = G.multiply(this.x1);
    this.pi1 = proveSchnorr(p1Ctx(this.opts, KEYGEN_AUX.Q1), this.x1, this.Q1);
    const c = commit(
      { sid: this.sid, pid: this.opts.p1Id, tag: KEYGEN_AUX.commitQ1 },
      openingValues(encodePoint(this.Q1), this.pi1),
    );
    this.rand = c.randomness;
    this.next = 'ecdsa.keygen.2';
    return { out: [this.write(KeygenMsg1, { v: 1, t: 'ecdsa.keygen.1', sid: this.sid, com: c.commitment })] };
  }

  protected onMessage(json: unknown): Step<EcdsaP1Share> {
    const msg = this.read(KeygenMsg2, json);
    this.next = undefined;
    const Q2 = decodePoint(msg.Q2, 'Q2');
    verifySchnorr(p2Ctx(this.opts, KEYGEN_AUX.Q2), Q2, msg.pi2);
    const Q1 = this.Q1!;
    const Q = jointKey(Q1, Q2);
    const fresh = this.opts.freshKey?.();
    const key = fresh?.key ?? this.opts.paillierKey ?? generatePaillierKey();
    const pre = fresh ? fresh.keyProofPrecomputation : this.opts.keyProofPrecomputation;
    const n = key.n;
    const rnd = key.randomness();
    const cKey = key.encrypt(this.x1, rnd);
    const validity = proveValidPaillier({ n }, { key }, p1Ctx(this.opts, KEYGEN_AUX.validity));
    const keyProof = proveKeyEncryption(
      { n, cKey, q1: Q1 },
      { key, x1: this.x1, rKey: rnd.r },
      p1Ctx(this.opts, KEYGEN_AUX.keyProof),
      ...(pre ? [pre] : []),
    );
    const share: EcdsaP1Share = {
      v: 1,
      kind: 'ecdsa-p1',
      pairId: this.opts.pairId,
      x1: this.x1,
      paillierP: key.p,
      paillierQ: key.q,
      cKey,
      Q: encodePoint(Q),
      Q1: encodePoint(Q1),
      Q2: msg.Q2,
    };
    const out = this.write(KeygenMsg3, {
      v: 1,
      t: 'ecdsa.keygen.3',
      sid: this.sid,
      Q1: encodePoint(Q1),
      pi1: this.pi1!,
      rand: this.rand!,
      N: n,
      cKey,
      validity,
      keyProof,
    });
    return this.finish(share, [out]);
  }

  protected wipe(): void {
    this.x1 = 0n;
    this.rand = undefined;
  }
}

/**
 * Client side of key generation. Checks, in order (MPC-NOTES): commitment opening; Q1 on the curve and
 * not the identity, with its proof; N (2048 bits, no factor below 2^13, N-th-root proof); c_key in
 * Z*_{N²}; equality, range and PDL proofs on c_key; Q = Q1 + Q2.
 */
export class EcdsaKeygenP2 extends EcdsaSession<EcdsaP2Share> {
  private x2 = 0n;
  private Q2?: Point;
  private com?: Uint8Array;
  private next: 'ecdsa.keygen.1' | 'ecdsa.keygen.3' | undefined;

  constructor(private readonly opts: EcdsaKeygenOptions) {
    super(opts.sid);
    checkParties(opts);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaP2Share> {
    this.next = 'ecdsa.keygen.1';
    return { out: [] };
  }

  protected onMessage(json: unknown): Step<EcdsaP2Share> {
    if (this.next === 'ecdsa.keygen.1') {
      const msg = this.read(KeygenMsg1, json);
      this.com = msg.com;
      this.x2 = randomScalar();
      this.Q2 = G.multiply(this.x2);
      const pi2 = proveSchnorr(p2Ctx(this.opts, KEYGEN_AUX.Q2), this.x2, this.Q2);
      this.next = 'ecdsa.keygen.3';
      return {
        out: [
          this.write(KeygenMsg2, { v: 1, t: 'ecdsa.keygen.2', sid: this.sid, Q2: encodePoint(this.Q2), pi2 }),
        ],
      };
    }
    const msg = this.read(KeygenMsg3, json);
    this.next = undefined;
    verifyOpening(
      { sid: this.sid, pid: this.opts.p1Id, tag: KEYGEN_AUX.commitQ1 },
      this.com!,
      openingValues(msg.Q1, msg.pi1),
      msg.rand,
    );
    const Q1 = decodePoint(msg.Q1, 'Q1');
    verifySchnorr(p1Ctx(this.opts, KEYGEN_AUX.Q1), Q1, msg.pi1);
    assertPaillierPublicKeyValid(msg.N, msg.validity, p1Ctx(this.opts, KEYGEN_AUX.validity));
    assertCiphertext(msg.cKey, msg.N, 'c_key');
    verifyKeyEncryption(
      { n: msg.N, cKey: msg.cKey, q1: Q1 },
      msg.keyProof,
      p1Ctx(this.opts, KEYGEN_AUX.keyProof),
    );
    const Q = jointKey(Q1, this.Q2!);
    const share: EcdsaP2Share = {
      v: 1,
      kind: 'ecdsa-p2',
      pairId: this.opts.pairId,
      x2: this.x2,
      Q: encodePoint(Q),
      Q1: msg.Q1,
      Q2: encodePoint(this.Q2!),
      N: msg.N,
      cKey: msg.cKey,
    };
    return this.finish(share);
  }

  protected wipe(): void {
    // x2 lives on in the result (the share the caller stores); the session keeps no copy.
    this.x2 = 0n;
  }
}
