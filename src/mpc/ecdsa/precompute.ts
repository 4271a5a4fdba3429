import { randomBelow } from '../common/bytes.ts';
import { FixedBaseExp } from '../math/index.ts';
import { PaillierPublicKey, type PaillierRandomness } from '../paillier/index.ts';
import {
  CKEY_SHIFT,
  type EcdsaSignMasks,
  type EcdsaSignProverAccel,
  makeEcdsaSignMasks,
  SEC_P_COM,
  SEC_P_STAT,
} from '../zk/ecdsa-sign-proof.ts';
import type { VerifiedPedersenParams } from './pedersen.ts';
import type { EcdsaP2Share } from './shares.ts';

/** c3's encryption randomness with a table for rc modulo N (the proof's u = r_enc·rc^e, e < 2^128). */
export interface C3Randomness extends PaillierRandomness {
  readonly table: FixedBaseExp;
}

/**
 * The client's speed levers for signing (all safe: nothing here depends on the digest or on a nonce):
 * fixed-base tables for the Pedersen bases and for cK = c_key ⊕ q·2^64 mod N², and pools of fresh
 * randomness computed ahead of time (Paillier r^N; the c3 proof's masks with their commitments, and c3's
 * mask ρ with its commitment; Pedersen h^ρ), each item used exactly once. `fill()` is meant for idle
 * time; signing without it computes everything on the spot.
 */
export class EcdsaP2Precompute {
  readonly paillier: PaillierPublicKey;
  readonly cKeyShifted: bigint;
  readonly cKey: bigint;
  private readonly gTable: FixedBaseExp;
  private readonly hTable: FixedBaseExp;
  private readonly cKeyTable: FixedBaseExp;
  private readonly encPool: PaillierRandomness[] = [];
  private readonly c3Pool: C3Randomness[] = [];
  private readonly maskPool: EcdsaSignMasks[] = [];
  private readonly blindPools = new Map<bigint, { r: bigint; hr: bigint }[]>();
  private readonly shortBound: bigint;

  constructor(
    share: EcdsaP2Share,
    readonly pedersen: VerifiedPedersenParams,
  ) {
    this.paillier = new PaillierPublicKey(share.N);
    this.cKey = share.cKey;
    this.cKeyShifted = this.paillier.addPlain(share.cKey, CKEY_SHIFT);
    const { n, g, h } = pedersen.bases;
    this.shortBound = n << SEC_P_STAT;
    const longBound = n << (2n * SEC_P_STAT + SEC_P_COM);
    // g's exponents are at most w3' < q²·2^320 (~833 bits); h's at most ρ' < n·2^256.
    this.gTable = new FixedBaseExp(g, n, 840, 5);
    this.hTable = new FixedBaseExp(h, n, longBound.toString(2).length, 5);
    // cK's exponents: (k2⁻¹ mod q)·r < 2^512 and r·w1' < 2^704.
    this.cKeyTable = new FixedBaseExp(this.cKeyShifted, this.paillier.n2, 712, 5);
  }

  /**
   * Randomness for `count` more signatures: 2 Paillier r^N (c3's with a table for rc), one set of proof
   * masks (4 commitments) and 2 Pedersen blinders each.
   */
  fill(count = 1): void {
    const steps = this.fillSteps(this.pooledSignatures + count);
    while (!steps.next().done) {}
  }

  /**
   * Fill until `signatures` co-signatures are covered, yielding after each item (one exponentiation or one
   * set of masks, tens of ms), so a caller can spread the work over idle moments without blocking its
   * event loop for long.
   */
  *fillSteps(signatures: number): Generator<void, void> {
    while (this.c3Pool.length < signatures) {
      this.c3Pool.push(this.makeC3Randomness());
      yield;
    }
    while (this.encPool.length < signatures) {
      this.encPool.push(this.paillier.randomness());
      yield;
    }
    while (this.maskPool.length < signatures) {
      this.maskPool.push(this.makeMasks());
      yield;
    }
    while (this.pool(this.shortBound).length < 2 * signatures) {
      this.pool(this.shortBound).push(this.blind(this.shortBound));
      yield;
    }
  }

  /** Co-signatures the pools cover without computing anything on the spot. */
  get pooledSignatures(): number {
    return Math.min(
      this.c3Pool.length,
      this.encPool.length,
      this.maskPool.length,
      Math.floor(this.pool(this.shortBound).length / 2),
    );
  }

  private pool(bound: bigint): { r: bigint; hr: bigint }[] {
    let p = this.blindPools.get(bound);
    if (!p) {
      p = [];
      this.blindPools.set(bound, p);
    }
    return p;
  }

  private blind(bound: bigint): { r: bigint; hr: bigint } {
    const r = randomBelow(bound);
    return { r, hr: this.hTable.pow(r) };
  }

  /** Take (and forget) one encryption randomness. */
  takeEncRandomness(): PaillierRandomness {
    return this.encPool.shift() ?? this.paillier.randomness();
  }

  /** Take (and forget) c3's encryption randomness, with its table. */
  takeC3Randomness(): C3Randomness {
    return this.c3Pool.shift() ?? this.makeC3Randomness();
  }

  private makeC3Randomness(): C3Randomness {
    const x = this.paillier.randomness();
    return { ...x, table: new FixedBaseExp(x.r, this.paillier.n, Number(SEC_P_COM), 4) };
  }

  /** Take (and forget) one set of c3 proof masks, with c3's mask ρ; made on the spot when none is pooled. */
  takeMasks(): EcdsaSignMasks {
    return this.maskPool.shift() ?? this.makeMasks();
  }

  private makeMasks(): EcdsaSignMasks {
    return makeEcdsaSignMasks(this.pedersen.bases, { gTable: this.gTable, hTable: this.hTable });
  }

  /** cK^e mod N² through the table. */
  cKeyPow(e: bigint): bigint {
    return this.cKeyTable.pow(e);
  }

  proverAccel(): EcdsaSignProverAccel {
    return {
      gTable: this.gTable,
      hTable: this.hTable,
      cKeyTable: this.cKeyTable,
      encRandomness: () => {
        const x = this.takeEncRandomness();
        return { r: x.r, rN: x.rn };
      },
      hBlind: (bound) => this.pool(bound).shift() ?? this.blind(bound),
    };
  }
}
