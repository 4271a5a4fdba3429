import { randomBelow } from '../common/bytes.ts';
import { s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { Transcript } from '../common/transcript.ts';
import { FixedBaseExp } from '../math/fixed-base.ts';
import { bitLength, Crt, gcd, modInverse } from '../math/modular.ts';
import { randomSafePrime, smallestSmallFactor } from '../math/primes.ts';
import { SEC_P_COM, SEC_P_STAT } from './params.ts';

/**
 * Unknown-order Pedersen parameters for the c3 proof (SPEC §5.1, §5.3 item 4). The VERIFIER of the c3 proof
 * (the enclave) makes them from two safe primes: N = p·q, h a random square generating QR_N, g = h^α. The
 * client (prover) verifies once per enclave identity the proof that g ∈ ⟨h⟩ (g = h^α for some α): 128
 * repetitions with binary challenges (cb-mpc `unknown_order_dl_t`, our own code), soundness 2^-128.
 * With g ∈ ⟨h⟩ the client's commitments g^x·h^r hide x statistically when r is drawn wide enough.
 */
export interface UnknownOrderPedersenParams {
  n: bigint;
  g: bigint;
  h: bigint;
}

export interface PedersenParamsProof {
  /** 128 challenge bits. */
  e: Uint8Array;
  z: bigint[];
}

export const PEDERSEN_MODULUS_BITS = 2048;
const REPS = SEC_P_COM;
/** α < N: its bound in bits, and the bound on responses z_i = t_i + e_i·α. */
const ALPHA_BITS = PEDERSEN_MODULUS_BITS;
const T_BITS = ALPHA_BITS + Number(SEC_P_STAT) + 1;
const Z_MAX_BITS = T_BITS + 1;

export const UnknownOrderPedersenParamsSchema = s.object({
  n: s.bigint({ maxBits: PEDERSEN_MODULUS_BITS }),
  g: s.bigint({ maxBits: PEDERSEN_MODULUS_BITS }),
  h: s.bigint({ maxBits: PEDERSEN_MODULUS_BITS }),
});
export const PedersenParamsProofSchema = s.object({
  e: s.bytes({ len: REPS / 8 }),
  z: s.array(s.bigint({ maxBits: Z_MAX_BITS }), { minLen: REPS, maxLen: REPS }),
});

function challenge(params: UnknownOrderPedersenParams, R: bigint[]): Uint8Array {
  const t = new Transcript('twofold/v1/zk/pedersen-params')
    .appendBigint('N', params.n)
    .appendBigint('h', params.h)
    .appendBigint('g', params.g)
    .appendNumber('l', ALPHA_BITS);
  for (const [i, r] of R.entries()) t.appendBigint(`R${i}`, r);
  return t.challengeBytes('e', REPS / 8);
}

const bit = (e: Uint8Array, i: number): boolean => ((e[i >> 3]! >> (i & 7)) & 1) === 1;

function randomBits(bits: number): bigint {
  return randomBelow(1n << BigInt(bits));
}

/**
 * Enclave side: parameters and proof from two distinct safe primes p, q (each 1024 bits, so N has 2048).
 * `factors` (p, q and the trapdoor α with g = h^α) are the verifier's own secrets, kept sealed by the
 * enclave for its faster checks of the c3 proof (ecdsa/pedersen.ts); never sent to the prover.
 */
export function generatePedersenParams(
  p: bigint,
  q: bigint,
): {
  params: UnknownOrderPedersenParams;
  proof: PedersenParamsProof;
  factors: { p: bigint; q: bigint; alpha: bigint };
} {
  const n = p * q;
  if (p === q || bitLength(n) !== PEDERSEN_MODULUS_BITS)
    throw new MpcError('BAD_PARAMETERS', 'Pedersen primes must be distinct and give a 2048-bit modulus');
  const pp = (p - 1n) >> 1n;
  const qq = (q - 1n) >> 1n;
  const order = pp * qq; // |QR_N|
  const crt = new Crt(p, q);
  const pow = (b: bigint, e: bigint) => crt.pow(b, e, p - 1n, q - 1n);
  let h: bigint;
  for (;;) {
    const r = randomBelow(n);
    h = (r * r) % n;
    // h generates QR_N unless it is trivial modulo p or q.
    if (h > 1n && gcd(h - 1n, n) === 1n && gcd(h, n) === 1n) break;
  }
  const alpha = randomBelow(order - 1n) + 1n;
  const g = pow(h, alpha);
  const params = { n, g, h };
  const t: bigint[] = [];
  const R: bigint[] = [];
  for (let i = 0; i < REPS; i++) {
    t.push(randomBits(T_BITS));
    R.push(pow(h, t[i]!));
  }
  const e = challenge(params, R);
  const z = t.map((ti, i) => (bit(e, i) ? ti + alpha : ti));
  // The factors and α stay with the verifier that made the parameters (its speed-up); never sent.
  return { params, proof: { e, z }, factors: { p, q, alpha } };
}

/**
 * Fresh parameters from two new 1024-bit safe primes (enclave setup; seconds, erratic: run it once and
 * store the result, or use the fixture primes in dev mode).
 */
export function generateFreshPedersenParams(): ReturnType<typeof generatePedersenParams> {
  for (;;) {
    const p = randomSafePrime(PEDERSEN_MODULUS_BITS / 2);
    const q = randomSafePrime(PEDERSEN_MODULUS_BITS / 2);
    if (p !== q) return generatePedersenParams(p, q);
  }
}

/**
 * Client side, once per enclave identity (then pin pedersenParamsHash): BAD_PARAMETERS unless N is a
 * 2048-bit odd modulus without small factors, g, h are units other than ±1, and the proof that g ∈ ⟨h⟩
 * verifies.
 */
export function verifyPedersenParams(params: UnknownOrderPedersenParams, proof: PedersenParamsProof): void {
  const { n, g, h } = params;
  const bad = (what: string): never => {
    throw new MpcError('BAD_PARAMETERS', what);
  };
  if (bitLength(n) !== PEDERSEN_MODULUS_BITS || (n & 1n) === 0n)
    bad('Pedersen modulus must be 2048 bits and odd');
  if (smallestSmallFactor(n) !== 0) bad('Pedersen modulus has a small factor');
  for (const [x, name] of [
    [g, 'g'],
    [h, 'h'],
  ] as const) {
    if (x <= 1n || x >= n - 1n || gcd(x, n) !== 1n) bad(`Pedersen ${name} is not a usable unit`);
  }
  if (g === h) bad('Pedersen g equals h');
  if (proof.e.length !== REPS / 8 || proof.z.length !== REPS)
    bad('Pedersen parameter proof has the wrong length');
  for (const z of proof.z)
    if (z < 0n || bitLength(z) > Z_MAX_BITS) bad('Pedersen parameter proof out of range');
  // 128 exponentiations of h: a fixed-base table pays for itself several times over.
  const hTable = new FixedBaseExp(h, n, Z_MAX_BITS, 6);
  const gInv = modInverse(g, n);
  const R = proof.z.map((z, i) => {
    const hz = hTable.pow(z);
    return bit(proof.e, i) ? (hz * gInv) % n : hz;
  });
  const e2 = challenge(params, R);
  for (let i = 0; i < e2.length; i++)
    if (e2[i] !== proof.e[i]) bad('Pedersen parameter proof does not verify');
}

/** The hash the client pins per enclave identity after verifying the parameters once. */
export function pedersenParamsHash(params: UnknownOrderPedersenParams): Uint8Array {
  return new Transcript('twofold/v1/pedersen-params-hash')
    .appendBigint('N', params.n)
    .appendBigint('g', params.g)
    .appendBigint('h', params.h)
    .digest();
}
