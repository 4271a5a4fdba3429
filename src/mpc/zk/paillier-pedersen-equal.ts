import { randomBelow } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, gcd, modPow } from '../math/modular.ts';
import { PAILLIER_MODULUS_BITS, type PaillierPrivateKey, PaillierPublicKey } from '../paillier/paillier.ts';
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
import { assertNthPowers, type NthPowerClaim } from './nth-power-batch.ts';
import { CURVE_ORDER, LOG_ALPHA, PAILLIER_LAMBDA, PAILLIER_REPS, SEC_P_STAT } from './params.ts';
import { SingleUse } from './precomputed.ts';

/**
 * Paillier–Pedersen equality (cb-mpc `paillier_pedersen_equal_t`, our own code): the Paillier ciphertext c
 * under N and the Pedersen commitment Com = g^x·h^ρ in the fixed group hold the same integer x.
 *
 * t = 10 parallel repetitions with 13-bit challenge chunks e_i (λ = 130 bits in all); masks r_i < q·2^77
 * hide e_i·x statistically (2^-64); one Pedersen commitment to Σ r_i·2^(13i) carries the whole challenge.
 *
 * The proof carries its first messages c̃_i (commitment form) rather than the challenge e, which the
 * verifier re-derives from them: then the ten checks c̃_i·c^{e_i} = Enc(d_i; D_i) need not be recomputed
 * one by one to be hashed, and their N-th powers are verified together (nth-power-batch.ts). Same
 * Σ-protocol, same Fiat–Shamir challenge; only what travels differs.
 */
const MASK_BOUND = CURVE_ORDER << (BigInt(LOG_ALPHA) + SEC_P_STAT);
const RADIX = BigInt(LOG_ALPHA);

export interface PaillierPedersenEqualStatement {
  n: bigint;
  c: bigint;
  com: bigint;
}
export interface PaillierPedersenEqualWitness {
  /** The key holder's private key (CRT speeds up the prover's encryptions). */
  key: PaillierPrivateKey;
  x: bigint;
  /** Paillier randomness of c. */
  r: bigint;
  /** Pedersen blinding of com. */
  rho: bigint;
}
export interface PaillierPedersenEqualProof {
  /** First messages c̃_i = Enc(r_i; R_i) mod N². */
  cTilde: bigint[];
  d: bigint[];
  D: bigint[];
  comTilde: bigint;
  nu: bigint;
}

const reps = { minLen: PAILLIER_REPS, maxLen: PAILLIER_REPS };
export const PaillierPedersenEqualProofSchema = s.object({
  cTilde: s.array(s.bigint({ maxBits: 2 * PAILLIER_MODULUS_BITS }), reps),
  d: s.array(s.bigint({ maxBits: bitLength(MASK_BOUND) }), reps),
  D: s.array(s.bigint({ maxBits: PAILLIER_MODULUS_BITS }), reps),
  comTilde: s.bigint({ maxBits: FIXED_ELEMENT_BITS }),
  nu: s.bigint({ maxBits: FIXED_ELEMENT_BITS }),
});

function challenge(
  st: PaillierPedersenEqualStatement,
  cTilde: bigint[],
  comTilde: bigint,
  ctx: ProofContext,
) {
  const t = proofTranscript('paillier-pedersen-equal', ctx)
    .appendBigint('N', st.n)
    .appendBigint('c', st.c)
    .appendBigint('p', FIXED_P)
    .appendBigint('q', CURVE_ORDER)
    .appendBigint('g', FIXED_G)
    .appendBigint('h', FIXED_H)
    .appendBigint('Com', st.com);
  for (const [i, c] of cTilde.entries()) t.appendBigint(`cTilde${i}`, c);
  t.appendBigint('ComTilde', comTilde);
  return t.challengeBigint('e', PAILLIER_LAMBDA);
}

function chunk(e: bigint, i: number): bigint {
  return (e >> (RADIX * BigInt(i))) & ((1n << RADIX) - 1n);
}

function assertSizes(n: bigint): void {
  // Soundness needs N and p far above the masked values (cb-mpc's bounds).
  const slackN = CURVE_ORDER << (SEC_P_STAT + BigInt(PAILLIER_LAMBDA) + 2n * RADIX + 1n);
  const slackP = CURVE_ORDER << (SEC_P_STAT + BigInt(PAILLIER_LAMBDA) + RADIX + 2n);
  if (n <= slackN || FIXED_P <= slackP) throw new MpcError('BAD_PROOF', 'equality proof: modulus too small');
}

interface EqualFirst {
  n: bigint;
  mu: bigint;
  ri: bigint[];
  Rt: bigint[];
  cTilde: bigint[];
  comTilde: bigint;
}
export type PaillierPedersenEqualPrecomputation = SingleUse<EqualFirst>;

/** The equality proof's first message under `key` (independent of the statement), for one later proof. */
export function precomputePaillierPedersenEqual(
  key: PaillierPrivateKey,
): PaillierPedersenEqualPrecomputation {
  const mu = randomBelow(FIXED_ORDER);
  const ri: bigint[] = [];
  const Rt: bigint[] = [];
  const cTilde: bigint[] = [];
  let r = 0n;
  for (let i = 0; i < PAILLIER_REPS; i++) {
    ri.push(randomBelow(MASK_BOUND));
    const rand = key.randomness();
    Rt.push(rand.r);
    cTilde.push(key.encrypt(ri[i]!, rand));
    r += ri[i]! << (RADIX * BigInt(i));
  }
  const comTilde = (fixedGroupTable('g').pow(r) * fixedGroupTable('h').pow(mu)) % FIXED_P;
  return new SingleUse({ n: key.n, mu, ri, Rt, cTilde, comTilde });
}

export function provePaillierPedersenEqual(
  st: PaillierPedersenEqualStatement,
  wit: PaillierPedersenEqualWitness,
  ctx: ProofContext,
  pre?: PaillierPedersenEqualPrecomputation,
): PaillierPedersenEqualProof {
  const { key } = wit;
  if (key.n !== st.n) throw new MpcError('INTERNAL', 'witness does not match the statement');
  assertSizes(st.n);
  const { n, mu, ri, Rt, cTilde, comTilde } = (pre ?? precomputePaillierPedersenEqual(key)).take(
    'equality proof',
  );
  if (n !== st.n) throw new MpcError('INTERNAL', 'precomputation made under another key');
  const e = challenge(st, cTilde, comTilde, ctx);
  const d: bigint[] = [];
  const D: bigint[] = [];
  for (let i = 0; i < PAILLIER_REPS; i++) {
    const ei = chunk(e, i);
    d.push(ei * wit.x + ri[i]!);
    D.push((modPow(wit.r, ei, st.n) * Rt[i]!) % st.n);
  }
  const nu = (e * wit.rho + mu) % FIXED_ORDER;
  return { cTilde, d, D, comTilde, nu };
}

/** BAD_PROOF unless the proof verifies. The caller has already validated N (assertPaillierPublicKeyValid). */
export function verifyPaillierPedersenEqual(
  st: PaillierPedersenEqualStatement,
  proof: PaillierPedersenEqualProof,
  ctx: ProofContext,
): void {
  assertNthPowers(checkPaillierPedersenEqual(st, proof, ctx), st.n, st.n * st.n, 'equality proof');
}

/**
 * Every check of verifyPaillierPedersenEqual except the N-th powers mod N², which it returns for the caller
 * to verify with assertNthPowers (possibly together with other proofs' under the same N). BAD_PROOF. With
 * `batch`, the Pedersen-side equation is added there for the caller to check instead of checked here.
 */
export function checkPaillierPedersenEqual(
  st: PaillierPedersenEqualStatement,
  proof: PaillierPedersenEqualProof,
  ctx: ProofContext,
  batch?: FixedGroupBatch,
): NthPowerClaim[] {
  const { n, c, com } = st;
  assertSizes(n);
  const { cTilde, d, D, comTilde, nu } = proof;
  if (cTilde.length !== PAILLIER_REPS || d.length !== PAILLIER_REPS || D.length !== PAILLIER_REPS)
    throw new MpcError('BAD_PROOF', 'equality proof has the wrong length');
  if (nu < 0n || nu >= FIXED_ORDER) throw new MpcError('BAD_PROOF', 'equality proof scalar out of range');
  const pub = new PaillierPublicKey(n);
  const n2 = pub.n2;
  if (c <= 0n || c >= n2) throw new MpcError('BAD_PROOF', 'equality proof ciphertext out of range');
  let dSum = 0n;
  for (let i = 0; i < PAILLIER_REPS; i++) {
    if (D[i]! <= 0n || D[i]! >= n) throw new MpcError('BAD_PROOF', 'equality proof randomness out of range');
    if (cTilde[i]! <= 0n || cTilde[i]! >= n2)
      throw new MpcError('BAD_PROOF', 'equality proof ciphertext out of range');
    if (d[i]! < 0n || d[i]! >= MASK_BOUND)
      throw new MpcError('BAD_PROOF', 'equality proof response out of range');
    dSum += d[i]! << (RADIX * BigInt(i));
  }
  assertInFixedSubgroup(com, 'commitment');
  assertInFixedSubgroup(comTilde, 'equality proof commitment');
  const e = challenge(st, cTilde, comTilde, ctx);
  // The Pedersen side, Com^e·C̃om = g^{Σ d_i·2^(13i)}·h^ν: cheap (mod p), so checked before the N-th powers.
  const own = batch ?? new FixedGroupBatch();
  own.add([
    [com, e],
    [comTilde, 1n],
    [FIXED_G, -dSum],
    [FIXED_H, -nu],
  ]);
  if (!batch) own.check('equality proof');
  // One gcd covers c, every c̃_i and every D_i (all must be units mod N).
  let prod = c % n;
  for (let i = 0; i < PAILLIER_REPS; i++) prod = (((prod * D[i]!) % n) * cTilde[i]!) % n;
  if (gcd(prod, n) !== 1n) throw new MpcError('BAD_PROOF', 'equality proof value not a unit');
  // c̃_i·c^{e_i} = (1 + N)^{d_i}·D_i^N  ⇔  c̃_i·c^{e_i}·(1 − d_i·N) = D_i^N  (mod N²).
  const claims: NthPowerClaim[] = [];
  for (let i = 0; i < PAILLIER_REPS; i++) {
    const plainInv = (1n + (n - (d[i]! % n)) * n) % n2;
    const u = (((cTilde[i]! * modPow(c, chunk(e, i), n2)) % n2) * plainInv) % n2;
    claims.push({ u, base: D[i]! });
  }
  return claims;
}
