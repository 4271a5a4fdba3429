import { randomBelow } from '../common/bytes.ts';
import { MpcError, mpcAssert } from '../common/errors.ts';
import { decodePoint, encodePoint, G, invQ, modQ, Point, q } from '../ecdsa/curve.ts';
import { type FixedBaseExp, gcd, modPow } from '../math/index.ts';
import { type ProofContext, proofTranscript } from './context.ts';
import type { SingleUse } from './precomputed.ts';

/**
 * The proof that P2's c3 was computed honestly (cb-mpc `zk_ecdsa_sign_2pc_integer_commit_t`, our own code):
 *
 *   c3 = cK^(w1·r) ⊕ Enc(w1·m + w2·r + w3·q; w4)   with cK = c_key ⊕ q·2^64,
 *   w1 = k2⁻¹ mod q  (so w1·R2 = G),  w2 = w1·x2 mod q  (so w2·R2 = Q2),  w3 = ρ < q²·2^128.
 *
 * Σ-protocol with integer commitments W_i = g^{w_i} h^{ρ_i} over the verifier's unknown-order Pedersen
 * parameters, made non-interactive by Fiat–Shamir over every statement value, every first message, the
 * parameters, the session id, the prover's party id and the aux tag. The 128-bit challenge and the
 * statistical masks follow cb-mpc (SEC_P_STAT = 64, SEC_P_COM = 128).
 */
export const SEC_P_STAT = 64n;
export const SEC_P_COM = 128n;
/** Upper bound (exclusive) of the c3 mask ρ. */
export const RHO_BOUND = (q * q) << (2n * SEC_P_STAT);
/** The shift added to c_key before the signing exponent: plaintext x1 + q·2^64. */
export const CKEY_SHIFT = q << SEC_P_STAT;

export interface PedersenBases {
  n: bigint;
  g: bigint;
  h: bigint;
}

export interface EcdsaSignStatement {
  /** Paillier modulus of P1. */
  N: bigint;
  /** cK = c_key ⊕ q·2^64, i.e. c_key·(1+N)^(q·2^64) mod N². */
  cKeyShifted: bigint;
  c3: bigint;
  Q2: Point;
  R2: Point;
  m: bigint;
  r: bigint;
}

export interface EcdsaSignWitness {
  k2: bigint;
  x2: bigint;
  rho: bigint;
  /** Encryption randomness of c3's fresh part. */
  rc: bigint;
}

export interface EcdsaSignProof {
  W1: bigint;
  W2: bigint;
  W3: bigint;
  W1t: bigint;
  W2t: bigint;
  W3t: bigint;
  /** w1'·R2 and w2'·R2, compressed. */
  Gt: Uint8Array;
  Q2t: Uint8Array;
  /** C' = Enc(w1'm + w2'r + w3'q; r_enc) ⊕ (cK^r)^{w1'}. */
  Ct: bigint;
  z1: bigint;
  z2: bigint;
  z3: bigint;
  s1: bigint;
  s2: bigint;
  s3: bigint;
  /** r_enc · w4^e mod N. */
  u: bigint;
}

/** Bounds of the responses (exclusive): the verifier refuses anything outside them. */
export function responseBounds(nPed: bigint): { z12: bigint; z3: bigint; s: bigint } {
  return {
    z12: q << (SEC_P_STAT + SEC_P_COM + 1n),
    z3: (q * q) << (3n * SEC_P_STAT + SEC_P_COM + 1n),
    s: nPed << (2n * SEC_P_STAT + SEC_P_COM + 1n),
  };
}

/** Optional precomputation for the prover: fixed-base tables and randomness computed ahead of time. */
export interface EcdsaSignProverAccel {
  gTable?: FixedBaseExp;
  hTable?: FixedBaseExp;
  /** Table for cK modulo N². */
  cKeyTable?: FixedBaseExp;
  /** A fresh pair (r, r^N mod N²), never reused. */
  encRandomness?: () => { r: bigint; rN: bigint };
  /** A fresh (ρ, h^ρ mod n) with ρ uniform below `bound`, never reused. */
  hBlind?: (bound: bigint) => { r: bigint; hr: bigint };
  /** Table for the witness's rc modulo N (u = r_enc·rc^e): rc^e in about 32 multiplications. */
  rcTable?: FixedBaseExp;
  /** The masks and commitments made ahead of time (makeEcdsaSignMasks) for the witness's ρ. */
  masks?: SingleUse<EcdsaSignMasks>;
}

/**
 * The parts of the prover's first message that depend on neither the digest, the nonce, the key share nor
 * the challenge: c3's mask ρ with its commitment W3, and the response masks w_i' with their commitments
 * W_i'. Made ahead of time in idle moments (EcdsaP2Precompute) and used once: masks answered under two
 * challenges would reveal the witness.
 */
export interface EcdsaSignMasks {
  rho: bigint;
  r3: bigint;
  W3: bigint;
  w1t: bigint;
  w2t: bigint;
  w3t: bigint;
  r1t: bigint;
  r2t: bigint;
  r3t: bigint;
  W1t: bigint;
  W2t: bigint;
  W3t: bigint;
}

/** Fresh masks (uniform in the ranges of cb-mpc) and their commitments; ρ fresh below RHO_BOUND unless given. */
export function makeEcdsaSignMasks(
  ped: PedersenBases,
  acc?: EcdsaSignProverAccel,
  rho = randomBelow(RHO_BOUND),
): EcdsaSignMasks {
  const rtBound = ped.n << (2n * SEC_P_STAT + SEC_P_COM);
  const w1t = randomBelow(q << (SEC_P_STAT + SEC_P_COM));
  const w2t = randomBelow(q << (SEC_P_STAT + SEC_P_COM));
  const w3t = randomBelow((q * q) << (3n * SEC_P_STAT + SEC_P_COM));
  const [W3, r3] = pedersenCommit(ped, rho, ped.n << SEC_P_STAT, acc);
  const [W1t, r1t] = pedersenCommit(ped, w1t, rtBound, acc);
  const [W2t, r2t] = pedersenCommit(ped, w2t, rtBound, acc);
  const [W3t, r3t] = pedersenCommit(ped, w3t, rtBound, acc);
  return { rho, r3, W3, w1t, w2t, w3t, r1t, r2t, r3t, W1t, W2t, W3t };
}

export function paillierEncryptWith(N: bigint, NN: bigint, m: bigint, rN: bigint): bigint {
  // (1+N)^m = 1 + m·N mod N²
  return (((1n + (((m % N) + N) % N) * N) % NN) * rN) % NN;
}

/** g^a·h^ρ mod n for a fresh ρ < bound: returns the commitment and ρ. */
function pedersenCommit(
  b: PedersenBases,
  a: bigint,
  bound: bigint,
  acc?: EcdsaSignProverAccel,
): [bigint, bigint] {
  const blind = acc?.hBlind ? acc.hBlind(bound) : undefined;
  const rho = blind ? blind.r : randomBelow(bound);
  const hr = blind ? blind.hr : acc?.hTable ? acc.hTable.pow(rho) : modPow(b.h, rho, b.n);
  const ga = acc?.gTable ? acc.gTable.pow(a) : modPow(b.g, a, b.n);
  return [(ga * hr) % b.n, rho];
}

function challenge(
  ctx: ProofContext,
  ped: PedersenBases,
  st: EcdsaSignStatement,
  p: Omit<EcdsaSignProof, 'z1' | 'z2' | 'z3' | 's1' | 's2' | 's3' | 'u'>,
): bigint {
  const t = proofTranscript('ecdsa-2pc-sign', ctx)
    .appendBigint('ped.n', ped.n)
    .appendBigint('ped.g', ped.g)
    .appendBigint('ped.h', ped.h)
    .appendBigint('N', st.N)
    .appendBigint('cK', st.cKeyShifted)
    .appendBigint('c3', st.c3)
    .appendBytes('Q2', encodePoint(st.Q2))
    .appendBytes('R2', encodePoint(st.R2))
    .appendBigint('m', st.m)
    .appendBigint('r', st.r)
    .appendBigint('W1', p.W1)
    .appendBigint('W2', p.W2)
    .appendBigint('W3', p.W3)
    .appendBigint("W1'", p.W1t)
    .appendBigint("W2'", p.W2t)
    .appendBigint("W3'", p.W3t)
    .appendBytes("G'", p.Gt)
    .appendBytes("Q2'", p.Q2t)
    .appendBigint("C'", p.Ct);
  return t.challengeBigint('e', Number(SEC_P_COM));
}

/** c3 for the given witness (P2's message 4), with cK^(w1·r) as an integer exponent. */
export function computeC3(
  st: Omit<EcdsaSignStatement, 'c3' | 'Q2' | 'R2'>,
  w: EcdsaSignWitness,
  rcN: bigint,
  cKeyPow?: (e: bigint) => bigint,
): bigint {
  const NN = st.N * st.N;
  const w1 = invQ(w.k2);
  const w2 = modQ(w1 * w.x2);
  const plain = w1 * st.m + w2 * st.r + w.rho * q;
  const e = w1 * st.r;
  const ck = cKeyPow ? cKeyPow(e) : modPow(st.cKeyShifted, e, NN);
  return (paillierEncryptWith(st.N, NN, plain, rcN) * ck) % NN;
}

export function proveEcdsaSign(
  ctx: ProofContext,
  ped: PedersenBases,
  st: EcdsaSignStatement,
  w: EcdsaSignWitness,
  acc?: EcdsaSignProverAccel,
): EcdsaSignProof {
  const N = st.N;
  const NN = N * N;
  const w1 = invQ(w.k2);
  const w2 = modQ(w1 * w.x2);
  const w3 = w.rho;
  const rBound = ped.n << SEC_P_STAT;
  const mk = acc?.masks ? acc.masks.take('c3 proof masks') : makeEcdsaSignMasks(ped, acc, w3);
  mpcAssert(mk.rho === w3, 'INTERNAL', 'c3 proof masks were made for another mask of c3');
  const { w1t, w2t, w3t, r1t, r2t, r3t, r3, W3, W1t, W2t, W3t } = mk;
  const [W1, r1] = pedersenCommit(ped, w1, rBound, acc);
  const [W2, r2] = pedersenCommit(ped, w2, rBound, acc);
  const enc = acc?.encRandomness ? acc.encRandomness() : freshEncRandomness(N, NN);
  const ckExp = st.r * w1t;
  const ck = acc?.cKeyTable ? acc.cKeyTable.pow(ckExp) : modPow(st.cKeyShifted, ckExp, NN);
  const first = {
    W1,
    W2,
    W3,
    W1t,
    W2t,
    W3t,
    // w1'·R2 and w2'·R2, computed as (w'·k2)·G since R2 = k2·G: the same points, through G's precomputed
    // tables instead of a constant-time multiplication of an arbitrary point. w' ≡ 0 mod q: ~2^-256.
    Gt: encodePoint(G.multiply(modQ(modQ(w1t) * w.k2))),
    Q2t: encodePoint(G.multiply(modQ(modQ(w2t) * w.k2))),
    Ct: (paillierEncryptWith(N, NN, w1t * st.m + w2t * st.r + w3t * q, enc.rN) * ck) % NN,
  };
  const e = challenge(ctx, ped, st, first);
  const rcTable = acc?.rcTable;
  mpcAssert(
    !rcTable || (rcTable.base === w.rc && rcTable.modulus === N),
    'INTERNAL',
    'c3 proof: randomness table made for another value',
  );
  const rcPow = (x: bigint) => (rcTable ? rcTable.pow(x) : modPow(w.rc, x, N));
  return {
    ...first,
    z1: w1t + e * w1,
    z2: w2t + e * w2,
    z3: w3t + e * w3,
    s1: r1t + e * r1,
    s2: r2t + e * r2,
    s3: r3t + e * r3,
    u: (enc.r * rcPow(e)) % N,
  };
}

export function freshEncRandomness(N: bigint, NN: bigint): { r: bigint; rN: bigint } {
  for (;;) {
    const r = randomBelow(N);
    if (r > 0n && gcd(r, N) === 1n) return { r, rN: modPow(r, N, NN) };
  }
}

/** 0 < c < N² and gcd(c, N) = 1. */
export function inZStarN2(c: bigint, N: bigint): boolean {
  return typeof c === 'bigint' && c > 0n && c < N * N && gcd(c, N) === 1n;
}

function inRange(x: bigint, bound: bigint): boolean {
  return typeof x === 'bigint' && x >= 0n && x < bound;
}

/**
 * Verifier acceleration with secrets only the verifier (P1) holds: the Paillier factorisation (checks the
 * Paillier equation in the plaintext and randomness domains instead of encrypting) and the Pedersen
 * trapdoor. Both paths decide exactly the same relation; tests check they agree.
 */
export interface EcdsaSignVerifierAccel {
  /** Both homomorphisms of Z*_{N²} ≅ Z_N × Z*_N, computed with the factorisation. */
  paillier: {
    /** Dec(c) for a c already checked to lie in Z*_{N²}. */
    decrypt(c: bigint): bigint;
    /** The randomness ρ of a ciphertext, from its residue mod N (ρ^N ≡ c mod N). */
    randomness(cModN: bigint): bigint;
    /** Plaintext of cK (mod N) and its randomness. */
    cKeyPlain: bigint;
    cKeyRandomness: bigint;
    powModN(b: bigint, e: bigint): bigint;
    /** cKeyRandomness^e mod N for e ≥ 0 (a fixed-base table when present). */
    cKeyRandomnessPow?: (e: bigint) => bigint;
    /** gcd(x, N) = 1, by the factors (x mod p ≠ 0 and x mod q ≠ 0). */
    isUnit?: (x: bigint) => boolean;
  };
  /** g^a·h^b mod n with the trapdoor, or fixed-base tables. */
  pedersen?: (a: bigint, b: bigint) => bigint;
  /** b^e mod n (non-negative e), e.g. by CRT over the factors of n. */
  pedersenPow?: (b: bigint, e: bigint) => bigint;
}

/**
 * Verifies the c3 proof; throws BAD_PROOF, BAD_POINT or BAD_CIPHERTEXT (c3 outside Z*_{N²}). The verifier's
 * own cK (from its stored c_key) is trusted to be a unit. With the Paillier fast path it returns Dec(c3),
 * which it computed on the way.
 */
export function verifyEcdsaSign(
  ctx: ProofContext,
  ped: PedersenBases,
  st: EcdsaSignStatement,
  p: EcdsaSignProof,
  acc?: EcdsaSignVerifierAccel,
): { c3Plain?: bigint } {
  const N = st.N;
  const NN = N * N;
  const bounds = responseBounds(ped.n);
  // gcd(x, N) = 1, or with the factorisation the same test as two remainders.
  const unit = acc?.paillier.isUnit ?? ((x: bigint) => gcd(x, N) === 1n);
  const inZStar = (x: bigint, bound: bigint) => typeof x === 'bigint' && x > 0n && x < bound && unit(x);
  mpcAssert(inZStar(st.c3, NN), 'BAD_CIPHERTEXT', 'c3 not in Z*_{N^2}');
  mpcAssert(inZStar(p.Ct, NN), 'BAD_PROOF', 'c3 proof: ciphertext commitment not in Z*_{N^2}');
  mpcAssert(inZStar(p.u, N), 'BAD_PROOF', 'c3 proof: randomness response out of range');
  mpcAssert(
    inRange(st.m, q) && inRange(st.r, q) && st.r !== 0n,
    'BAD_PROOF',
    'c3 proof: statement out of range',
  );
  // Range only: a W that is not a unit mod n makes W'·W^e a non-unit, which never equals g^z·h^s.
  for (const W of [p.W1, p.W2, p.W3, p.W1t, p.W2t, p.W3t])
    mpcAssert(typeof W === 'bigint' && W > 0n && W < ped.n, 'BAD_PROOF', 'c3 proof: commitment out of range');
  mpcAssert(
    inRange(p.z1, bounds.z12) && inRange(p.z2, bounds.z12) && inRange(p.z3, bounds.z3),
    'BAD_PROOF',
    'c3 proof: response out of range',
  );
  mpcAssert(
    inRange(p.s1, bounds.s) && inRange(p.s2, bounds.s) && inRange(p.s3, bounds.s),
    'BAD_PROOF',
    'c3 proof: commitment response out of range',
  );
  const Gt = decodePoint(p.Gt, "c3 proof G'");
  const Q2t = decodePoint(p.Q2t, "c3 proof Q2'");
  const e = challenge(ctx, ped, st, p);

  // Curve relations: z1·R2 = e·G + G', z2·R2 = e·Q2 + Q2', as z1·R2 − e·G = G' and z2·R2 − e·Q2 = Q2'.
  if (!curveRelation(st.R2, p.z1, G, e, Gt) || !curveRelation(st.R2, p.z2, st.Q2, e, Q2t))
    throw new MpcError('BAD_PROOF', 'c3 proof: curve relation fails');

  // Integer commitments: g^{z_i} h^{s_i} = W_i' · W_i^e mod n.
  const ped2 =
    acc?.pedersen ?? ((a: bigint, b: bigint) => (modPow(ped.g, a, ped.n) * modPow(ped.h, b, ped.n)) % ped.n);
  const pairs: [bigint, bigint, bigint, bigint][] = [
    [p.z1, p.s1, p.W1, p.W1t],
    [p.z2, p.s2, p.W2, p.W2t],
    [p.z3, p.s3, p.W3, p.W3t],
  ];
  for (const [z, s, W, Wt] of pairs)
    if (ped2(z, s) !== (Wt * (acc?.pedersenPow ? acc.pedersenPow(W, e) : modPow(W, e, ped.n))) % ped.n)
      throw new MpcError('BAD_PROOF', 'c3 proof: commitment relation fails');

  // Paillier relation: Enc(z1·m + z2·r + z3·q; u) ⊕ (cK^r)^{z1} = C' ⊕ c3^e.
  const t = p.z1 * st.m + p.z2 * st.r + p.z3 * q;
  if (acc?.paillier) {
    // Both components of Y = C'·c3^e without forming Y mod N²: its plaintext is Dec(C') + e·Dec(c3) (and
    // Dec(c3) is what P1 needs next anyway), its randomness that of Y mod N = (C' mod N)·(c3 mod N)^e.
    const P = acc.paillier;
    const c3Plain = P.decrypt(st.c3);
    const yPlain = (P.decrypt(p.Ct) + e * c3Plain) % N;
    const plainOk = yPlain === (((t + p.z1 * st.r * P.cKeyPlain) % N) + N) % N;
    const yModN = ((p.Ct % N) * P.powModN(st.c3 % N, e)) % N;
    const randOk =
      P.randomness(yModN) ===
      (p.u * (P.cKeyRandomnessPow ?? ((x) => P.powModN(P.cKeyRandomness, x)))(p.z1 * st.r)) % N;
    if (!plainOk || !randOk) throw new MpcError('BAD_PROOF', 'c3 proof: ciphertext relation fails');
    return { c3Plain };
  } else {
    const left =
      (paillierEncryptWith(N, NN, t, modPow(p.u, N, NN)) * modPow(st.cKeyShifted, st.r * p.z1, NN)) % NN;
    const right = (p.Ct * modPow(st.c3, e, NN)) % NN;
    if (left !== right) throw new MpcError('BAD_PROOF', 'c3 proof: ciphertext relation fails');
  }
  return {};
}

/** a·P − b·B = C, with one double-scalar multiplication (public values only: variable time is fine). */
function curveRelation(P: Point, a: bigint, B: Point, b: bigint, C: Point): boolean {
  const aq = modQ(a);
  const bq = modQ(-b);
  if (aq !== 0n && bq !== 0n) return P.mulAddUnsafe(aq, B, bq).equals(C);
  return eqPoints(mulOrZero(P, a), mulOrZero(B, b), C);
}

function mulOrZero(P: Point, k: bigint): Point {
  const kk = modQ(k);
  // Verifier side, public values only: variable-time multiplication is fine.
  return kk === 0n ? Point.ZERO : P.multiplyUnsafe(kk);
}

function eqPoints(lhs: Point, a: Point, b: Point): boolean {
  return lhs.equals(a.add(b));
}
