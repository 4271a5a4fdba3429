import { bigintToFixedBytes } from '../common/bytes.ts';
import { commit, verifyOpening } from '../common/commitment.ts';
import { MpcError, mpcAssert } from '../common/errors.ts';
import {
  assertCiphertext,
  generatePaillierKey,
  PaillierPrivateKey,
  PaillierPublicKey,
} from '../paillier/index.ts';
import { assertPaillierPublicKeyValid, proveValidPaillier } from '../zk/paillier-valid.ts';
import { proveTwoPaillierEqual, verifyTwoPaillierEqual } from '../zk/two-paillier-equal.ts';
import { checkParties, type EcdsaParties, p1Ctx } from './context.ts';
import { checkScalar, decodePoint, encodePoint, G, modQ, type Point, randomScalar } from './curve.ts';
import { type RefreshPurpose, refreshMessages } from './refresh-messages.ts';
import { EcdsaSession, type Step } from './session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from './shares.ts';

/**
 * Refresh (SPEC §4.6, §5.1): a new pair for the same Q with a fresh Paillier key. Joint ρ = ρ1 + ρ2 mod q
 * by commit-then-reveal; x1' = x1 + ρ as an integer (so that c_key'' = c_key' ⊕ ρ keeps decrypting to it),
 * x2' = x2 − ρ mod q; both sides check Q1' + Q2' = Q. A backup pair is the same protocol under its own
 * frame types and proof tags; the caller keeps the old pair instead of deleting it. ρ is erased at the end.
 * Old shares are deleted by the caller only after the two-phase confirmation (not this module's job).
 */
export interface EcdsaRefreshOptions extends EcdsaParties {
  purpose?: RefreshPurpose;
  /** Id of the new pair (agreed by both sides, also bound in the session id). */
  newPairId: string;
}

function rhoBytes(rho1: bigint): Uint8Array[] {
  return [bigintToFixedBytes(rho1, 32)];
}

function newPublicShares(Q1: Point, Q2: Point, Q: Point, rho: bigint): { Q1n: Point; Q2n: Point } {
  const rG = G.multiply(rho);
  const Q1n = Q1.add(rG);
  const Q2n = Q2.subtract(rG);
  if (Q1n.is0() || Q2n.is0()) throw new MpcError('BAD_POINT', 'refreshed public share is the identity');
  if (!Q1n.add(Q2n).equals(Q))
    throw new MpcError('PUBLIC_KEY_MISMATCH', 'refreshed shares do not add up to Q');
  return { Q1n, Q2n };
}

export class EcdsaRefreshP1 extends EcdsaSession<EcdsaP1Share> {
  private readonly m: ReturnType<typeof refreshMessages>;
  private readonly purpose: RefreshPurpose;
  private rho1 = 0n;
  private rand?: Uint8Array;
  private newKey?: PaillierPrivateKey;
  private cKeyNew = 0n;
  private next: string | undefined;

  constructor(
    private readonly opts: EcdsaRefreshOptions & {
      share: EcdsaP1Share;
      /** The fresh Paillier key (made ahead of time); generated when absent. */
      paillierKey?: PaillierPrivateKey;
    },
  ) {
    super(opts.sid);
    checkParties(opts);
    mpcAssert(opts.newPairId !== opts.share.pairId, 'INVALID_STATE', 'the new pair needs a new id');
    this.purpose = opts.purpose ?? 'refresh';
    this.m = refreshMessages(this.purpose);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaP1Share> {
    const { share } = this.opts;
    const oldKey = PaillierPrivateKey.fromPrimes(share.paillierP, share.paillierQ);
    const key = this.opts.paillierKey ?? generatePaillierKey();
    mpcAssert(key.n !== oldKey.n, 'INVALID_STATE', 'refresh needs a fresh Paillier key');
    this.newKey = key;
    this.rho1 = randomScalar();
    const c = commit({ sid: this.sid, pid: this.opts.p1Id, tag: this.m.aux.commitRho1 }, rhoBytes(this.rho1));
    this.rand = c.randomness;
    const rnd = key.randomness();
    this.cKeyNew = key.encrypt(share.x1, rnd);
    const validity = proveValidPaillier({ n: key.n }, { key }, p1Ctx(this.opts, this.m.aux.validity));
    const equal = proveTwoPaillierEqual(
      { n0: oldKey.n, c0: share.cKey, n1: key.n, c1: this.cKeyNew },
      { x: share.x1, r0: oldKey.randomnessOf(share.cKey), r1: rnd.r, key0: oldKey, key1: key },
      p1Ctx(this.opts, this.m.aux.equal),
    );
    this.next = `ecdsa.${this.purpose}.2`;
    const frame = this.write(this.m.msg1, {
      v: 1,
      t: `ecdsa.${this.purpose}.1`,
      sid: this.sid,
      com: c.commitment,
      N: key.n,
      cKey: this.cKeyNew,
      validity,
      equal,
    } as never);
    return { out: [frame] };
  }

  protected onMessage(json: unknown): Step<EcdsaP1Share> {
    const msg = this.read(this.m.msg2, json) as unknown as { rho2: bigint };
    this.next = undefined;
    checkScalar(msg.rho2, 'rho2', true);
    const { share } = this.opts;
    const key = this.newKey!;
    const rho = modQ(this.rho1 + msg.rho2);
    const pk = new PaillierPublicKey(key.n);
    const { Q1n, Q2n } = newPublicShares(
      decodePoint(share.Q1, 'Q1'),
      decodePoint(share.Q2, 'Q2'),
      decodePoint(share.Q, 'Q'),
      rho,
    );
    const x1n = share.x1 + rho;
    if (!G.multiply(modQ(x1n)).equals(Q1n)) throw new MpcError('PUBLIC_KEY_MISMATCH', 'x1 does not match Q1');
    const result: EcdsaP1Share = {
      v: 1,
      kind: 'ecdsa-p1',
      pairId: this.opts.newPairId,
      x1: x1n,
      paillierP: key.p,
      paillierQ: key.q,
      cKey: pk.addPlain(this.cKeyNew, rho),
      Q: share.Q,
      Q1: encodePoint(Q1n),
      Q2: encodePoint(Q2n),
    };
    const out = this.write(this.m.msg3, {
      v: 1,
      t: `ecdsa.${this.purpose}.3`,
      sid: this.sid,
      rho1: this.rho1,
      rand: this.rand!,
    } as never);
    return this.finish(result, [out]);
  }

  protected wipe(): void {
    this.rho1 = 0n;
    this.rand = undefined;
  }
}

export class EcdsaRefreshP2 extends EcdsaSession<EcdsaP2Share> {
  private readonly m: ReturnType<typeof refreshMessages>;
  private readonly purpose: RefreshPurpose;
  private rho2 = 0n;
  private first?: { com: Uint8Array; N: bigint; cKey: bigint };
  private next: string | undefined;

  constructor(private readonly opts: EcdsaRefreshOptions & { share: EcdsaP2Share }) {
    super(opts.sid);
    checkParties(opts);
    mpcAssert(opts.newPairId !== opts.share.pairId, 'INVALID_STATE', 'the new pair needs a new id');
    this.purpose = opts.purpose ?? 'refresh';
    this.m = refreshMessages(this.purpose);
  }

  protected expecting(): string | undefined {
    return this.next;
  }

  protected onStart(): Step<EcdsaP2Share> {
    this.next = `ecdsa.${this.purpose}.1`;
    return { out: [] };
  }

  protected onMessage(json: unknown): Step<EcdsaP2Share> {
    if (this.next === `ecdsa.${this.purpose}.1`) {
      const msg = this.read(this.m.msg1, json) as unknown as {
        com: Uint8Array;
        N: bigint;
        cKey: bigint;
        validity: Parameters<typeof assertPaillierPublicKeyValid>[1];
        equal: Parameters<typeof verifyTwoPaillierEqual>[1];
      };
      const { share } = this.opts;
      assertPaillierPublicKeyValid(msg.N, msg.validity, p1Ctx(this.opts, this.m.aux.validity));
      if (msg.N === share.N) throw new MpcError('BAD_PAILLIER_KEY', 'refresh reuses the old Paillier key');
      assertCiphertext(msg.cKey, msg.N, "c_key'");
      verifyTwoPaillierEqual(
        { n0: share.N, c0: share.cKey, n1: msg.N, c1: msg.cKey },
        msg.equal,
        p1Ctx(this.opts, this.m.aux.equal),
      );
      this.first = { com: msg.com, N: msg.N, cKey: msg.cKey };
      this.rho2 = randomScalar();
      this.next = `ecdsa.${this.purpose}.3`;
      const out = this.write(this.m.msg2, {
        v: 1,
        t: `ecdsa.${this.purpose}.2`,
        sid: this.sid,
        rho2: this.rho2,
      } as never);
      return { out: [out] };
    }
    const msg = this.read(this.m.msg3, json) as unknown as { rho1: bigint; rand: Uint8Array };
    this.next = undefined;
    const first = this.first!;
    checkScalar(msg.rho1, 'rho1', true);
    verifyOpening(
      { sid: this.sid, pid: this.opts.p1Id, tag: this.m.aux.commitRho1 },
      first.com,
      rhoBytes(msg.rho1),
      msg.rand,
    );
    const { share } = this.opts;
    const rho = modQ(msg.rho1 + this.rho2);
    const { Q1n, Q2n } = newPublicShares(
      decodePoint(share.Q1, 'Q1'),
      decodePoint(share.Q2, 'Q2'),
      decodePoint(share.Q, 'Q'),
      rho,
    );
    const x2n = modQ(share.x2 - rho);
    if (x2n === 0n || !G.multiply(x2n).equals(Q2n))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'x2 does not match Q2');
    const pk = new PaillierPublicKey(first.N);
    return this.finish({
      v: 1,
      kind: 'ecdsa-p2',
      pairId: this.opts.newPairId,
      x2: x2n,
      Q: share.Q,
      Q1: encodePoint(Q1n),
      Q2: encodePoint(Q2n),
      N: first.N,
      cKey: pk.addPlain(first.cKey, rho),
    });
  }

  protected wipe(): void {
    this.rho2 = 0n;
  }
}

/** Backup pair: a refresh that keeps the old pair (the caller does not delete it). */
export class EcdsaBackupP1 extends EcdsaRefreshP1 {
  constructor(opts: ConstructorParameters<typeof EcdsaRefreshP1>[0]) {
    super({ ...opts, purpose: 'backup' });
  }
}

export class EcdsaBackupP2 extends EcdsaRefreshP2 {
  constructor(opts: ConstructorParameters<typeof EcdsaRefreshP2>[0]) {
    super({ ...opts, purpose: 'backup' });
  }
}
