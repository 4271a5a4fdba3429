import { bytesToBigint } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { decodePoint, encodePoint, G, modQ, type Point, q, randomScalar } from '../ecdsa/curve.ts';
import { type ProofContext, proofTranscript } from './context.ts';

/**
 * Schnorr proof of knowledge of x with X = x·G on secp256k1, made non-interactive with Fiat–Shamir over a
 * transcript that binds the proof context (session id, prover's party id, aux tag), X and the first message A.
 */
export interface SchnorrProof {
  /** A = k·G, compressed (33 bytes). */
  A: Uint8Array;
  /** z = k + e·x mod q. */
  z: bigint;
}

function challenge(ctx: ProofContext, X: Point, A: Uint8Array): bigint {
  const t = proofTranscript('schnorr-secp256k1', ctx).appendBytes('X', encodePoint(X)).appendBytes('A', A);
  // 384 bits reduced mod q: bias below 2^-128.
  return modQ(bytesToBigint(t.challengeBytes('e', 48)));
}

export function proveSchnorr(ctx: ProofContext, x: bigint, X: Point = G.multiply(modQ(x))): SchnorrProof {
  const k = randomScalar();
  const A = encodePoint(G.multiply(k));
  const e = challenge(ctx, X, A);
  return { A, z: modQ(k + e * x) };
}

/** Throws BAD_PROOF (or BAD_POINT / BAD_SCALAR for malformed parts) unless the proof verifies for X. */
export function verifySchnorr(ctx: ProofContext, X: Point, proof: SchnorrProof): void {
  const A = decodePoint(proof.A, 'schnorr commitment');
  if (typeof proof.z !== 'bigint' || proof.z < 0n || proof.z >= q)
    throw new MpcError('BAD_SCALAR', 'schnorr response out of range');
  if (X.is0()) throw new MpcError('BAD_POINT', 'schnorr statement is the identity');
  const e = challenge(ctx, X, proof.A);
  // z·G − e·X = A ; z = 0 is allowed by the algebra but then A = −e·X, still checked.
  // Verification touches public values only: variable-time multiplication is fine here.
  const lhs = proof.z === 0n ? null : G.multiplyUnsafe(proof.z);
  const eX = e === 0n ? null : X.multiplyUnsafe(e);
  const rhs = eX ? A.add(eX) : A;
  if (!(lhs ? lhs.equals(rhs) : rhs.is0())) throw new MpcError('BAD_PROOF', 'schnorr proof does not verify');
}
