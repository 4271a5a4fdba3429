import type { secp256k1 } from '@noble/curves/secp256k1.js';
import { s } from '../common/codec.ts';
import type { PaillierPrivateKey } from '../paillier/paillier.ts';
import type { ProofContext } from './context.ts';
import { FIXED_ELEMENT_BITS, fixedCommit, randomFixedBlinding } from './fixed-group.ts';
import { FixedGroupBatch } from './fixed-group-batch.ts';
import { assertNthPowers } from './nth-power-batch.ts';
import {
  checkPaillierPedersenEqual,
  type PaillierPedersenEqualPrecomputation,
  type PaillierPedersenEqualProof,
  PaillierPedersenEqualProofSchema,
  precomputePaillierPedersenEqual,
  provePaillierPedersenEqual,
} from './paillier-pedersen-equal.ts';
import {
  checkPdl,
  type PdlPrecomputation,
  type PdlProof,
  PdlProofSchema,
  precomputePdl,
  provePdl,
} from './pdl.ts';
import {
  precomputeRangePedersen,
  proveRangePedersen,
  type RangePedersenPrecomputation,
  type RangePedersenProof,
  RangePedersenProofSchema,
  verifyRangePedersen,
} from './range-pedersen.ts';

/**
 * Everything keygen's P1 proves about c_key (SPEC §5.1 (b), (c); cb-mpc `pdl_t` with its
 * `paillier_range_exp_slack_t`): a Pedersen commitment Com to x1 in the fixed group, the proof that c_key
 * and Com hold the same x1, the range proof on Com, and the PDL proof tying c_key to Q1. Each sub-proof
 * gets its own aux tag derived from ctx.aux. The verifier must have validated N first
 * (assertPaillierPublicKeyValid) and c_key (assertCiphertext), and Q1 (on curve, not identity).
 */
type Point = InstanceType<typeof secp256k1.Point>;

export interface KeyEncryptionStatement {
  n: bigint;
  cKey: bigint;
  q1: Point;
}
export interface KeyEncryptionWitness {
  key: PaillierPrivateKey;
  /** x1 ∈ [0, q). */
  x1: bigint;
  rKey: bigint;
}
export interface KeyEncryptionProof {
  com: bigint;
  equal: PaillierPedersenEqualProof;
  range: RangePedersenProof;
  pdl: PdlProof;
}

export const KeyEncryptionProofSchema = s.object({
  com: s.bigint({ maxBits: FIXED_ELEMENT_BITS }),
  equal: PaillierPedersenEqualProofSchema,
  range: RangePedersenProofSchema,
  pdl: PdlProofSchema,
});

const sub = (ctx: ProofContext, part: string): ProofContext => ({ ...ctx, aux: `${ctx.aux}/${part}` });

/** The statement-independent work of one proveKeyEncryption under `key`, done ahead of time (enclave idle). */
export interface KeyEncryptionPrecomputation {
  equal: PaillierPedersenEqualPrecomputation;
  range: RangePedersenPrecomputation;
  pdl: PdlPrecomputation;
}

export function precomputeKeyEncryption(key: PaillierPrivateKey): KeyEncryptionPrecomputation {
  return {
    equal: precomputePaillierPedersenEqual(key),
    range: precomputeRangePedersen(),
    pdl: precomputePdl(key),
  };
}

/** precomputeKeyEncryption in three pieces, yielding between them (for a service's idle-time slices). */
export function* precomputeKeyEncryptionSteps(
  key: PaillierPrivateKey,
): Generator<void, KeyEncryptionPrecomputation> {
  const equal = precomputePaillierPedersenEqual(key);
  yield;
  const range = precomputeRangePedersen();
  yield;
  return { equal, range, pdl: precomputePdl(key) };
}

export function proveKeyEncryption(
  st: KeyEncryptionStatement,
  wit: KeyEncryptionWitness,
  ctx: ProofContext,
  pre: KeyEncryptionPrecomputation = precomputeKeyEncryption(wit.key),
): KeyEncryptionProof {
  const rho = randomFixedBlinding();
  const com = fixedCommit(wit.x1, rho);
  const equal = provePaillierPedersenEqual(
    { n: st.n, c: st.cKey, com },
    { key: wit.key, x: wit.x1, r: wit.rKey, rho },
    sub(ctx, 'equal'),
    pre.equal,
  );
  const range = proveRangePedersen({ com }, { x: wit.x1, rho }, sub(ctx, 'range'), pre.range);
  const pdl = provePdl(st, wit, sub(ctx, 'pdl'), pre.pdl);
  return { com, equal, range, pdl };
}

/** BAD_PROOF unless all three proofs verify. */
export function verifyKeyEncryption(
  st: KeyEncryptionStatement,
  proof: KeyEncryptionProof,
  ctx: ProofContext,
): void {
  // Cheapest first: the range and equality proofs' equations mod p, in one batch (fixed-group-batch.ts);
  // then the N-th powers mod N² of PDL (one) and the equality proof (ten), verified together
  // (nth-power-batch.ts: 5 instead of 11).
  const group = new FixedGroupBatch();
  verifyRangePedersen({ com: proof.com }, proof.range, sub(ctx, 'range'), group);
  const equal = checkPaillierPedersenEqual(
    { n: st.n, c: st.cKey, com: proof.com },
    proof.equal,
    sub(ctx, 'equal'),
    group,
  );
  group.check('key encryption proof');
  const pdl = checkPdl(st, proof.pdl, sub(ctx, 'pdl'));
  assertNthPowers([pdl, ...equal], st.n, st.n * st.n, 'key encryption proof');
}
