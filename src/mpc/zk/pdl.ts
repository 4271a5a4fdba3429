import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToBigint, randomBelow } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, gcd, modPow } from '../math/modular.ts';
import { PAILLIER_MODULUS_BITS, type PaillierPrivateKey, PaillierPublicKey } from '../paillier/paillier.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import { assertNthPowers, type NthPowerClaim } from './nth-power-batch.ts';
import { CURVE_ORDER, SEC_P_STAT } from './params.ts';
import { SingleUse } from './precomputed.ts';

/**
 * PDL (cb-mpc `pdl_t`, our own code): the Paillier ciphertext c_key under N decrypts to the discrete log
 * of Q1 = x1·G. Σ-protocol with a 256-bit challenge e: c_r = Enc(r), R = (r mod q)·G, z = r + e·x1 over the
 * integers, r_z = r_rand·r_key^e mod N; the verifier checks z·G = R + e·Q1, z < (q² + 1)·2^64 and
 * Enc(z; r_z) = c_r·c_key^e. Sound only together with the range proof on x1 (key-encryption.ts), which
 * bounds the plaintext so that the integer z fixes it (N > 2q²·2^64 + 2q²).
 */
type Point = InstanceType<typeof secp256k1.Point>;
const G = secp256k1.Point.BASE;
const Q = CURVE_ORDER;
const QQ = Q * Q;
const Z_BOUND = (QQ + 1n) << SEC_P_STAT;

export interface PdlStatement {
  n: bigint;
  cKey: bigint;
  q1: Point;
}
export interface PdlWitness {
  key: PaillierPrivateKey;
  x1: bigint;
  /** Paillier randomness of cKey. */
  rKey: bigint;
}
export interface PdlProof {
  cR: bigint;
  /** R as a 33-byte compressed point. */
  R: Uint8Array;
  z: bigint;
  rZ: bigint;
}

export const PdlProofSchema = s.object({
  cR: s.bigint({ maxBits: 2 * PAILLIER_MODULUS_BITS }),
  R: s.bytes({ len: 33 }),
  z: s.bigint({ maxBits: bitLength(Z_BOUND) }),
  rZ: s.bigint({ maxBits: PAILLIER_MODULUS_BITS }),
});

function challenge(st: PdlStatement, cR: bigint, R: Uint8Array, ctx: ProofContext): bigint {
  const t = proofTranscript('pdl', ctx)
    .appendBigint('cKey', st.cKey)
    .appendBigint('N', st.n)
    .appendBytes('Q1', st.q1.toBytes(true))
    .appendBigint('cR', cR)
    .appendBytes('R', R);
  // 384 bits reduced mod q: bias below 2^-128.
  return bytesToBigint(t.challengeBytes('e', 48)) % Q;
}

function assertSize(n: bigint): void {
  if (bitLength(n) < PAILLIER_MODULUS_BITS || n <= (QQ << (SEC_P_STAT + 1n)) + (QQ << 1n))
    throw new MpcError('BAD_PROOF', 'PDL: modulus too small');
}

interface PdlFirst {
  n: bigint;
  r: bigint;
  rRand: bigint;
  cR: bigint;
  R: Uint8Array;
}
export type PdlPrecomputation = SingleUse<PdlFirst>;

/** The PDL proof's first message under `key` (independent of the statement), for one later proof. */
export function precomputePdl(key: PaillierPrivateKey): PdlPrecomputation {
  const rModQ = randomBelow(Q - 1n) + 1n;
  const r = randomBelow(Q << SEC_P_STAT) * Q + rModQ;
  const rand = key.randomness();
  return new SingleUse({
    n: key.n,
    r,
    rRand: rand.r,
    cR: key.encrypt(r, rand),
    R: G.multiply(rModQ).toBytes(true),
  });
}

export function provePdl(
  st: PdlStatement,
  wit: PdlWitness,
  ctx: ProofContext,
  pre?: PdlPrecomputation,
): PdlProof {
  const { key } = wit;
  if (key.n !== st.n) throw new MpcError('INTERNAL', 'witness does not match the statement');
  assertSize(st.n);
  const { n, r, rRand, cR, R } = (pre ?? precomputePdl(key)).take('PDL proof');
  if (n !== st.n) throw new MpcError('INTERNAL', 'precomputation made under another key');
  const e = challenge(st, cR, R, ctx);
  const z = r + e * wit.x1;
  const rZ = (rRand * modPow(wit.rKey, e, st.n)) % st.n;
  return { cR, R, z, rZ };
}

/** BAD_PROOF unless it verifies. The caller has validated N, c_key and Q1 (a valid non-identity point). */
export function verifyPdl(st: PdlStatement, proof: PdlProof, ctx: ProofContext): void {
  assertNthPowers([checkPdl(st, proof, ctx)], st.n, st.n * st.n, 'PDL');
}

/**
 * Every check of verifyPdl except the N-th power mod N², which it returns for the caller to verify with
 * assertNthPowers (possibly together with other proofs' under the same N). BAD_PROOF.
 */
export function checkPdl(st: PdlStatement, proof: PdlProof, ctx: ProofContext): NthPowerClaim {
  const { n, cKey, q1 } = st;
  assertSize(n);
  const pub = new PaillierPublicKey(n);
  const { cR, z, rZ } = proof;
  if (cKey <= 0n || cKey >= pub.n2) throw new MpcError('BAD_PROOF', 'PDL: ciphertext out of range');
  if (cR <= 0n || cR >= pub.n2) throw new MpcError('BAD_PROOF', 'PDL: ciphertext out of range');
  if (rZ <= 0n || rZ >= n) throw new MpcError('BAD_PROOF', 'PDL: randomness out of range');
  if (z < 0n || z >= Z_BOUND) throw new MpcError('BAD_PROOF', 'PDL: response out of range');
  let R: Point;
  try {
    if (proof.R.length !== 33) throw new Error('length');
    R = secp256k1.Point.fromBytes(proof.R);
    R.assertValidity();
  } catch {
    throw new MpcError('BAD_PROOF', 'PDL: R is not a valid point');
  }
  if (R.is0()) throw new MpcError('BAD_PROOF', 'PDL: R is the identity');
  const e = challenge(st, cR, proof.R, ctx);
  if (gcd((((cR * e) % n) * rZ) % n, n) !== 1n) throw new MpcError('BAD_PROOF', 'PDL: value not a unit');
  const lhs = G.multiplyUnsafe(z % Q);
  const rhs = R.add(q1.multiplyUnsafe(e));
  if (!lhs.equals(rhs)) throw new MpcError('BAD_PROOF', 'PDL does not verify');
  // Enc(z; r_z) = c_r·c_key^e  ⇔  c_r·c_key^e·(1 − z·N) = r_z^N  (mod N²).
  const n2 = pub.n2;
  const plainInv = (1n + (n - (z % n)) * n) % n2;
  return { u: (((cR * modPow(cKey, e, n2)) % n2) * plainInv) % n2, base: rZ };
}
