import { bytesToBigint } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, gcd } from '../math/modular.ts';
import { SMALL_PRIME_BOUND, smallestSmallFactor } from '../math/primes.ts';
import { PAILLIER_MODULUS_BITS, type PaillierPrivateKey } from '../paillier/paillier.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import { assertNthPowers } from './nth-power-batch.ts';

/**
 * Paillier key validity (SPEC §5.3 item 1; cb-mpc `valid_paillier_t`, our own code).
 *
 * Statement: N. Witness: its factorisation. The proof: for t values ρ_i ∈ Z_N derived from the transcript
 * (sid, pid, aux, N), the prover sends σ_i = ρ_i^(N⁻¹ mod φ(N)) mod N; the verifier checks σ_i^N = ρ_i.
 * If gcd(N, φ(N)) ≠ 1, some prime p ≥ 2^13 (after the small-factor check) divides both, the N-th power map
 * loses a factor ≥ p, and a random ρ_i is an N-th residue with probability ≤ 1/p ≤ 2^-13: t = 10
 * repetitions give 2^-130. gcd(N, φ(N)) = 1 is what makes Paillier with g = N + 1 decrypt correctly.
 * The verifier checks the ten σ_i^N = ρ_i together (nth-power-batch.ts: 5 N-th powers, extra error 2^-85).
 */
export const PAILLIER_VALIDITY_REPS = 10;

export interface ValidPaillierStatement {
  n: bigint;
}
export interface ValidPaillierWitness {
  key: PaillierPrivateKey;
}
export interface ValidPaillierProof {
  sigma: bigint[];
}

export const ValidPaillierProofSchema = s.object({
  sigma: s.array(s.bigint({ maxBits: PAILLIER_MODULUS_BITS }), {
    minLen: PAILLIER_VALIDITY_REPS,
    maxLen: PAILLIER_VALIDITY_REPS,
  }),
});

/**
 * The modulus checks that need no proof: exactly 2048 bits, odd, no prime factor below 2^13 (BitForge).
 * Throws BAD_PAILLIER_KEY.
 */
export function assertPaillierModulus(n: bigint): void {
  if (typeof n !== 'bigint' || bitLength(n) !== PAILLIER_MODULUS_BITS)
    throw new MpcError('BAD_PAILLIER_KEY', 'modulus is not exactly 2048 bits');
  if ((n & 1n) === 0n) throw new MpcError('BAD_PAILLIER_KEY', 'modulus is even');
  if (smallestSmallFactor(n) !== 0)
    throw new MpcError('BAD_PAILLIER_KEY', `modulus has a prime factor below ${SMALL_PRIME_BOUND}`);
}

function challenges(n: bigint, ctx: ProofContext): bigint[] {
  const t = proofTranscript('paillier-valid', ctx).appendBigint('N', n);
  const bytes = Math.ceil(bitLength(n) / 8) + 16; // 128 extra bits: reduction bias below 2^-128
  const out: bigint[] = [];
  for (let i = 0; i < PAILLIER_VALIDITY_REPS; i++)
    out.push(bytesToBigint(t.challengeBytes(`rho${i}`, bytes)) % n);
  return out;
}

export function proveValidPaillier(
  st: ValidPaillierStatement,
  wit: ValidPaillierWitness,
  ctx: ProofContext,
): ValidPaillierProof {
  if (wit.key.n !== st.n) throw new MpcError('INTERNAL', 'witness does not match the statement');
  return { sigma: challenges(st.n, ctx).map((rho) => wit.key.nthRoot(rho)) };
}

/** Verifies the N-th-root proof only (see assertPaillierPublicKeyValid for the full check). BAD_PROOF. */
export function verifyValidPaillier(
  st: ValidPaillierStatement,
  proof: ValidPaillierProof,
  ctx: ProofContext,
): void {
  const { n } = st;
  if (proof.sigma.length !== PAILLIER_VALIDITY_REPS)
    throw new MpcError('BAD_PROOF', 'Paillier validity proof has the wrong length');
  const rhos = challenges(n, ctx);
  let prod = 1n;
  for (let i = 0; i < PAILLIER_VALIDITY_REPS; i++) {
    const sigma = proof.sigma[i]!;
    if (sigma <= 0n || sigma >= n)
      throw new MpcError('BAD_PROOF', 'Paillier validity proof value out of range');
    prod = (prod * rhos[i]!) % n;
  }
  if (gcd(prod, n) !== 1n) throw new MpcError('BAD_PROOF', 'Paillier validity challenge not a unit');
  assertNthPowers(
    rhos.map((rho, i) => ({ u: rho, base: proof.sigma[i]! })),
    n,
    n,
    'Paillier validity proof',
  );
}

/**
 * Everything P2 checks about a received Paillier N (SPEC §5.3 item 1): size, parity, no small factor,
 * and the N-th-root proof. Every failure is BAD_PAILLIER_KEY.
 */
export function assertPaillierPublicKeyValid(n: bigint, proof: ValidPaillierProof, ctx: ProofContext): void {
  assertPaillierModulus(n);
  try {
    verifyValidPaillier({ n }, proof, ctx);
  } catch (e) {
    if (e instanceof MpcError) throw new MpcError('BAD_PAILLIER_KEY', 'validity proof failed');
    throw e;
  }
}
