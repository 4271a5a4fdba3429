import { randomBelow } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, gcd, modInverse, modPow } from '../math/modular.ts';
import { PAILLIER_MODULUS_BITS, type PaillierPrivateKey, PaillierPublicKey } from '../paillier/paillier.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import { CURVE_ORDER, LOG_ALPHA, PAILLIER_REPS, SEC_P_STAT } from './params.ts';
import { SingleUse } from './precomputed.ts';

/**
 * Two Paillier ciphertexts under different keys hold the same plaintext (cb-mpc `two_paillier_equal_t`,
 * our own code), for refresh: the old c_key under N0 and c_key' = Enc_{N1}(x1) under the new N1.
 * t = 10 repetitions with 13-bit challenges (2^-130 after both moduli passed the no-small-factor check);
 * masks τ_i < q·2^77 hide e_i·x statistically. The verifier must already trust c0's plaintext range (it
 * was proven at keygen) and have validated N1 (assertPaillierPublicKeyValid); the accepted responses then
 * bound c1's plaintext the same way.
 */
const RADIX = BigInt(LOG_ALPHA);
const MASK_BOUND = CURVE_ORDER << (RADIX + SEC_P_STAT);
/** Challenge bytes: one 16-bit chunk per repetition, of which the low 13 bits are used. */
const E_BYTES = 2 * PAILLIER_REPS;

export interface TwoPaillierEqualStatement {
  n0: bigint;
  c0: bigint;
  n1: bigint;
  c1: bigint;
}
export interface TwoPaillierEqualWitness {
  /** The plaintext (an integer; may exceed q after refreshes). */
  x: bigint;
  r0: bigint;
  r1: bigint;
  /** Private keys, when the prover holds them, for CRT-speed encryption. */
  key0?: PaillierPrivateKey;
  key1?: PaillierPrivateKey;
}
export interface TwoPaillierEqualProof {
  e: Uint8Array;
  d: bigint[];
  r0Hat: bigint[];
  r1Hat: bigint[];
}

const reps = { minLen: PAILLIER_REPS, maxLen: PAILLIER_REPS };
export const TwoPaillierEqualProofSchema = s.object({
  e: s.bytes({ len: E_BYTES }),
  d: s.array(s.bigint({ maxBits: bitLength(MASK_BOUND) }), reps),
  r0Hat: s.array(s.bigint({ maxBits: PAILLIER_MODULUS_BITS }), reps),
  r1Hat: s.array(s.bigint({ maxBits: PAILLIER_MODULUS_BITS }), reps),
});

function challenge(
  st: TwoPaillierEqualStatement,
  c0t: bigint[],
  c1t: bigint[],
  ctx: ProofContext,
): Uint8Array {
  const t = proofTranscript('two-paillier-equal', ctx)
    .appendBigint('q', CURVE_ORDER)
    .appendBigint('N0', st.n0)
    .appendBigint('c0', st.c0)
    .appendBigint('N1', st.n1)
    .appendBigint('c1', st.c1);
  for (const [i, c] of c0t.entries()) t.appendBigint(`c0Tilde${i}`, c);
  for (const [i, c] of c1t.entries()) t.appendBigint(`c1Tilde${i}`, c);
  return t.challengeBytes('e', E_BYTES);
}

const chunk = (e: Uint8Array, i: number): bigint =>
  BigInt(((e[2 * i]! << 8) | e[2 * i + 1]!) & ((1 << LOG_ALPHA) - 1));

function assertSizes(n0: bigint, n1: bigint): void {
  const min = Math.max(PAILLIER_MODULUS_BITS, bitLength(CURVE_ORDER) + LOG_ALPHA + Number(SEC_P_STAT) + 1);
  if (bitLength(n0) < min || bitLength(n1) < min)
    throw new MpcError('BAD_PROOF', 'two-Paillier: modulus too small');
}

interface TwoEqualFirst {
  n0: bigint;
  n1: bigint;
  tau: bigint[];
  R0: bigint[];
  R1: bigint[];
  c0t: bigint[];
  c1t: bigint[];
}
export type TwoPaillierEqualPrecomputation = SingleUse<TwoEqualFirst>;

type Encryptor = PaillierPrivateKey | PaillierPublicKey;

/** The proof's first message under the two keys (independent of the ciphertexts), for one later proof. */
export function precomputeTwoPaillierEqual(key0: Encryptor, key1: Encryptor): TwoPaillierEqualPrecomputation {
  const tau: bigint[] = [];
  const R0: bigint[] = [];
  const R1: bigint[] = [];
  const c0t: bigint[] = [];
  const c1t: bigint[] = [];
  for (let i = 0; i < PAILLIER_REPS; i++) {
    tau.push(randomBelow(MASK_BOUND));
    const a = key0.randomness();
    const b = key1.randomness();
    R0.push(a.r);
    R1.push(b.r);
    c0t.push(key0.encrypt(tau[i]!, a));
    c1t.push(key1.encrypt(tau[i]!, b));
  }
  return new SingleUse({ n0: key0.n, n1: key1.n, tau, R0, R1, c0t, c1t });
}

export function proveTwoPaillierEqual(
  st: TwoPaillierEqualStatement,
  wit: TwoPaillierEqualWitness,
  ctx: ProofContext,
  pre?: TwoPaillierEqualPrecomputation,
): TwoPaillierEqualProof {
  assertSizes(st.n0, st.n1);
  if (wit.key0 && wit.key0.n !== st.n0)
    throw new MpcError('INTERNAL', 'witness does not match the statement');
  if (wit.key1 && wit.key1.n !== st.n1)
    throw new MpcError('INTERNAL', 'witness does not match the statement');
  const first = (
    pre ??
    precomputeTwoPaillierEqual(
      wit.key0 ?? new PaillierPublicKey(st.n0),
      wit.key1 ?? new PaillierPublicKey(st.n1),
    )
  ).take('two-Paillier proof');
  const { tau, R0, R1, c0t, c1t } = first;
  if (first.n0 !== st.n0 || first.n1 !== st.n1)
    throw new MpcError('INTERNAL', 'precomputation made under other keys');
  const e = challenge(st, c0t, c1t, ctx);
  const d: bigint[] = [];
  const r0Hat: bigint[] = [];
  const r1Hat: bigint[] = [];
  for (let i = 0; i < PAILLIER_REPS; i++) {
    const ei = chunk(e, i);
    d.push(ei * wit.x + tau[i]!);
    r0Hat.push((modPow(wit.r0, ei, st.n0) * R0[i]!) % st.n0);
    r1Hat.push((modPow(wit.r1, ei, st.n1) * R1[i]!) % st.n1);
  }
  return { e, d, r0Hat, r1Hat };
}

export function verifyTwoPaillierEqual(
  st: TwoPaillierEqualStatement,
  proof: TwoPaillierEqualProof,
  ctx: ProofContext,
): void {
  assertSizes(st.n0, st.n1);
  const { e, d, r0Hat, r1Hat } = proof;
  if (e.length !== E_BYTES || d.length !== PAILLIER_REPS || r0Hat.length !== PAILLIER_REPS)
    throw new MpcError('BAD_PROOF', 'two-Paillier proof has the wrong length');
  if (r1Hat.length !== PAILLIER_REPS)
    throw new MpcError('BAD_PROOF', 'two-Paillier proof has the wrong length');
  const p0 = new PaillierPublicKey(st.n0);
  const p1 = new PaillierPublicKey(st.n1);
  if (!p0.isCiphertext(st.c0) || !p1.isCiphertext(st.c1))
    throw new MpcError('BAD_PROOF', 'two-Paillier: ciphertext not in Z*_{N^2}');
  let prod0 = 1n;
  let prod1 = 1n;
  for (let i = 0; i < PAILLIER_REPS; i++) {
    if (d[i]! < 0n || d[i]! >= MASK_BOUND)
      throw new MpcError('BAD_PROOF', 'two-Paillier: response out of range');
    if (r0Hat[i]! <= 0n || r0Hat[i]! >= st.n0 || r1Hat[i]! <= 0n || r1Hat[i]! >= st.n1)
      throw new MpcError('BAD_PROOF', 'two-Paillier: randomness out of range');
    prod0 = (prod0 * r0Hat[i]!) % st.n0;
    prod1 = (prod1 * r1Hat[i]!) % st.n1;
  }
  if (gcd(prod0, st.n0) !== 1n || gcd(prod1, st.n1) !== 1n)
    throw new MpcError('BAD_PROOF', 'two-Paillier: value not a unit');
  const c0Inv = modInverse(st.c0, p0.n2);
  const c1Inv = modInverse(st.c1, p1.n2);
  const c0t: bigint[] = [];
  const c1t: bigint[] = [];
  for (let i = 0; i < PAILLIER_REPS; i++) {
    const ei = chunk(e, i);
    c0t.push((p0.encryptWithR(d[i]!, r0Hat[i]!) * modPow(c0Inv, ei, p0.n2)) % p0.n2);
    c1t.push((p1.encryptWithR(d[i]!, r1Hat[i]!) * modPow(c1Inv, ei, p1.n2)) % p1.n2);
  }
  const e2 = challenge(st, c0t, c1t, ctx);
  for (let i = 0; i < E_BYTES; i++)
    if (e[i] !== e2[i]) throw new MpcError('BAD_PROOF', 'two-Paillier proof does not verify');
}
