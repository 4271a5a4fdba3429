import { randomBelow } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength } from '../math/modular.ts';
import { multiExp } from '../math/multi-exp.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import {
  assertInFixedSubgroup,
  FIXED_ELEMENT_BITS,
  FIXED_G,
  FIXED_H,
  FIXED_ORDER,
  FIXED_P,
  fixedGroupTable,
} from './fixed-group.ts';
import { FixedGroupBatch } from './fixed-group-batch.ts';
import { CURVE_ORDER, SEC_P_COM, SEC_P_STAT } from './params.ts';
import { SingleUse } from './precomputed.ts';

/**
 * Range proof with slack for a Pedersen commitment in the fixed group (cb-mpc `range_pedersen_t`, our own
 * code): Com = g^x·h^ρ with 0 ≤ x < q; the proof shows x ∈ [−q·2^64, q·2^65) (the slack), which is what
 * Lindell's protocol needs for x1. 128 repetitions with binary challenges (soundness 2^-128); masks
 * x_i < q·2^64 hide x statistically (2^-64).
 *
 * First messages are c̃_i = √g^{x_i}·√h^{r_i}; the verifier uses c̃_i², which lies in the prime-order
 * subgroup whatever c̃_i is, so no per-element subgroup check is needed. The 128 equations are checked at
 * once with random 64-bit weights (small-exponent batch test in a prime-order group: error 2^-64).
 */
export const RANGE_REPS = SEC_P_COM;
const MASK_BOUND = CURVE_ORDER << SEC_P_STAT;

export interface RangePedersenStatement {
  com: bigint;
}
export interface RangePedersenWitness {
  x: bigint;
  rho: bigint;
}
export interface RangePedersenProof {
  /** 128 challenge bits. */
  e: Uint8Array;
  d: bigint[];
  f: bigint[];
  cTilde: bigint[];
}

const reps = { minLen: RANGE_REPS, maxLen: RANGE_REPS };
export const RangePedersenProofSchema = s.object({
  e: s.bytes({ len: RANGE_REPS / 8 }),
  d: s.array(s.bigint({ maxBits: bitLength(MASK_BOUND) }), reps),
  f: s.array(s.bigint({ maxBits: FIXED_ELEMENT_BITS }), reps),
  cTilde: s.array(s.bigint({ maxBits: FIXED_ELEMENT_BITS }), reps),
});

function challenge(com: bigint, cTilde: bigint[], ctx: ProofContext): Uint8Array {
  const t = proofTranscript('range-pedersen', ctx)
    .appendBigint('p', FIXED_P)
    .appendBigint('q', CURVE_ORDER)
    .appendBigint('g', FIXED_G)
    .appendBigint('h', FIXED_H)
    .appendBigint('Com', com);
  for (const [i, c] of cTilde.entries()) t.appendBigint(`cTilde${i}`, c);
  return t.challengeBytes('e', RANGE_REPS / 8);
}

const bit = (e: Uint8Array, i: number): boolean => ((e[i >> 3]! >> (i & 7)) & 1) === 1;

interface RangeFirst {
  xi: bigint[];
  ri: bigint[];
  cTilde: bigint[];
}
export type RangePedersenPrecomputation = SingleUse<RangeFirst>;

/** The range proof's first message (independent of the statement), for use by one later proof. */
export function precomputeRangePedersen(): RangePedersenPrecomputation {
  const sg = fixedGroupTable('sqrtG');
  const sh = fixedGroupTable('sqrtH');
  const xi: bigint[] = [];
  const ri: bigint[] = [];
  const cTilde: bigint[] = [];
  for (let i = 0; i < RANGE_REPS; i++) {
    xi.push(randomBelow(MASK_BOUND));
    ri.push(randomBelow(FIXED_ORDER));
    cTilde.push((sg.pow(xi[i]!) * sh.pow(ri[i]!)) % FIXED_P);
  }
  return new SingleUse({ xi, ri, cTilde });
}

export function proveRangePedersen(
  st: RangePedersenStatement,
  wit: RangePedersenWitness,
  ctx: ProofContext,
  pre: RangePedersenPrecomputation = precomputeRangePedersen(),
): RangePedersenProof {
  if (wit.x < 0n || wit.x >= CURVE_ORDER) throw new MpcError('INTERNAL', 'range proof witness out of range');
  const { xi, ri, cTilde } = pre.take('range proof');
  const e = challenge(st.com, cTilde, ctx);
  const d: bigint[] = [];
  const f: bigint[] = [];
  for (let i = 0; i < RANGE_REPS; i++) {
    const ei = bit(e, i);
    d.push(ei ? xi[i]! + wit.x : xi[i]!);
    f.push(ei ? (ri[i]! + wit.rho) % FIXED_ORDER : ri[i]!);
  }
  return { e, d, f, cTilde };
}

/**
 * BAD_PROOF unless the proof verifies. With `batch`, its final group equation is added there for the
 * caller to check (FixedGroupBatch.check) instead of being checked here.
 */
export function verifyRangePedersen(
  st: RangePedersenStatement,
  proof: RangePedersenProof,
  ctx: ProofContext,
  batch?: FixedGroupBatch,
): void {
  const { e, d, f, cTilde } = proof;
  if (e.length !== RANGE_REPS / 8 || d.length !== RANGE_REPS || f.length !== RANGE_REPS)
    throw new MpcError('BAD_PROOF', 'range proof has the wrong length');
  if (cTilde.length !== RANGE_REPS) throw new MpcError('BAD_PROOF', 'range proof has the wrong length');
  assertInFixedSubgroup(st.com, 'commitment');
  for (let i = 0; i < RANGE_REPS; i++) {
    if (d[i]! < 0n || d[i]! >= MASK_BOUND) throw new MpcError('BAD_PROOF', 'range proof: value out of range');
    if (f[i]! < 0n || f[i]! >= FIXED_ORDER)
      throw new MpcError('BAD_PROOF', 'range proof: blinding out of range');
    if (cTilde[i]! <= 0n || cTilde[i]! >= FIXED_P)
      throw new MpcError('BAD_PROOF', 'range proof: element out of range');
  }
  const e2 = challenge(st.com, cTilde, ctx);
  for (let i = 0; i < e.length; i++)
    if (e[i] !== e2[i]) throw new MpcError('BAD_PROOF', 'range proof does not verify');
  // Σ_i w_i·(c̃_i²·Com^{e_i} = g^{d_i}·h^{f_i}) with fresh 64-bit weights w_i:
  // (∏ c̃_i^{w_i})² · Com^{Σ_{e_i=1} w_i} = g^{Σ w_i d_i} · h^{Σ w_i f_i}.
  const w: bigint[] = [];
  let eSum = 0n;
  let D = 0n;
  let F = 0n;
  for (let i = 0; i < RANGE_REPS; i++) {
    const wi = randomBelow(1n << SEC_P_STAT);
    w.push(wi);
    if (bit(e, i)) eSum += wi;
    D += wi * d[i]!;
    F += wi * f[i]!;
  }
  const prod = multiExp(cTilde, w, FIXED_P);
  const own = batch ?? new FixedGroupBatch();
  own.add([
    [(prod * prod) % FIXED_P, 1n],
    [st.com, eSum],
    [FIXED_G, -D],
    [FIXED_H, -F],
  ]);
  if (!batch) own.check('range proof');
}
