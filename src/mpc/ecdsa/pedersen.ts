import { bytesEqual } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { bitLength, Crt, FixedBaseExp } from '../math/index.ts';
import { type PedersenBases, responseBounds } from '../zk/ecdsa-sign-proof.ts';
import {
  type PedersenParamsProof,
  type UnknownOrderPedersenParams,
  verifyPedersenParams,
  pedersenParamsHash as zkPedersenParamsHash,
} from '../zk/pedersen-params.ts';

/**
 * The unknown-order Pedersen parameters of the c3 proof (SPEC §5.1, §5.3 item 4): made by the verifier (the
 * enclave, P1) from safe primes with a proof that g = h^α. The client (P2) must only commit under
 * parameters it has verified once per enclave identity; `VerifiedPedersenParams` can only be obtained
 * through a verification or a pinned hash, so an unverified set cannot reach the prover by mistake.
 */
const VERIFIED: unique symbol = Symbol('verified-pedersen');

export interface VerifiedPedersenParams {
  readonly bases: PedersenBases;
  /** SHA-256 of the parameters, for pinning per enclave identity. */
  readonly hash: Uint8Array;
  readonly [VERIFIED]: true;
}

/** The enclave's own view: the bases, plus an optional fast g^a·h^b with its trapdoor or tables. */
export interface EnclavePedersen {
  bases: PedersenBases;
  commit?: (a: bigint, b: bigint) => bigint;
  /** b^e mod n for e ≥ 0, with the factors of n when the enclave has them. */
  pow?: (b: bigint, e: bigint) => bigint;
  /** Which secrets `commit` uses: none (public tables), the factors (CRT), or factors and trapdoor. */
  via?: 'tables' | 'crt' | 'trapdoor';
}

/** SHA-256 of the parameters (the zk layer's hash, so pins made anywhere agree). */
export function pedersenParamsHash(b: PedersenBases): Uint8Array {
  return zkPedersenParamsHash(b);
}

function brand(b: PedersenBases): VerifiedPedersenParams {
  return Object.freeze({
    bases: { n: b.n, g: b.g, h: b.h },
    hash: pedersenParamsHash(b),
    [VERIFIED]: true as const,
  });
}

/** First contact with an enclave identity: verify the g = h^α proof (BAD_PARAMETERS), then pin `.hash`. */
export function verifyEnclavePedersenParams(
  params: UnknownOrderPedersenParams,
  proof: PedersenParamsProof,
): VerifiedPedersenParams {
  verifyPedersenParams(params, proof);
  return brand(params);
}

/**
 * Parameters verified earlier by this client and pinned by hash (the once-per-enclave-identity path).
 * Throws BAD_PARAMETERS when they do not match the pin.
 */
export function pinnedPedersenParams(b: PedersenBases, pinnedHash: Uint8Array): VerifiedPedersenParams {
  if (!bytesEqual(pedersenParamsHash(b), pinnedHash))
    throw new MpcError('BAD_PARAMETERS', 'Pedersen parameters do not match the pinned hash');
  return brand(b);
}

/**
 * The verifier's secrets from making the parameters (generatePedersenParams): the safe-prime factors of n
 * and, for setups made since it is kept, the trapdoor α with g = h^α. They never leave the enclave.
 */
export interface PedersenVerifierSecrets {
  p: bigint;
  q: bigint;
  alpha?: bigint;
}

/**
 * The enclave's verifier view with fixed-base tables for g and h (built once per parameter set, ~2·10^4
 * multiplications): the c3 proof's g^z·h^s then costs no squarings. The exponent bounds are those the
 * verifier enforces (responseBounds), so no checked exponent falls outside the tables. With the factors of
 * n (the enclave made the parameters from them; they never leave it) the same values are computed by CRT:
 * tables mod p and mod q with h's exponent reduced by the group order, and W^e by CRT, several times
 * cheaper. With the trapdoor α as well, g^a·h^b = h^(α·a + b): one table (h's) and one exponent reduced
 * modulo the order of the squares, about half the work again. The results are identical in every case;
 * only the verifier holds these secrets (the prover never has a trapdoor, SPEC §5.3 item 4).
 */
export function enclavePedersen(
  params: UnknownOrderPedersenParams,
  secrets?: PedersenVerifierSecrets,
): EnclavePedersen {
  const bounds = responseBounds(params.n);
  const bases = { n: params.n, g: params.g, h: params.h };
  const gBits = Math.max(bitLength(bounds.z12), bitLength(bounds.z3));
  if (secrets && secrets.p * secrets.q === params.n && secrets.p !== secrets.q) {
    const { p, q } = secrets;
    const crt = new Crt(p, q);
    const pow = (b: bigint, e: bigint) => crt.pow(b, e);
    const trapdoor = secrets.alpha !== undefined ? trapdoorSides(params, p, q, secrets.alpha) : undefined;
    if (trapdoor) {
      const [tp, tq] = trapdoor;
      return { bases, commit: (a, b) => crt.combine(tp(a, b), tq(a, b)), pow, via: 'trapdoor' };
    }
    const half = (m: bigint) => ({
      g: new FixedBaseExp(params.g % m, m, gBits, 6),
      h: new FixedBaseExp(params.h % m, m, bitLength(m - 1n), 6),
      order: m - 1n,
    });
    const tp = half(p);
    const tq = half(q);
    // g^a·h^b mod m with b reduced mod m − 1 (Fermat); a stays below the g table's bound.
    const side = (t: ReturnType<typeof half>, m: bigint, a: bigint, b: bigint) =>
      (t.g.pow(a) * t.h.pow(b % t.order)) % m;
    return { bases, commit: (a, b) => crt.combine(side(tp, p, a, b), side(tq, q, a, b)), pow, via: 'crt' };
  }
  const gTable = new FixedBaseExp(params.g, params.n, gBits, 6);
  const hTable = new FixedBaseExp(params.h, params.n, bitLength(bounds.s), 6);
  return {
    bases,
    commit: (a, b) => (gTable.pow(a) * hTable.pow(b)) % params.n,
    via: 'tables',
  };
}

/**
 * (a, b) ↦ g^a·h^b mod m for m = p and m = q as h^((α·a + b) mod m′), m′ = (m − 1)/2: h is a square mod
 * the safe prime m, so its order divides m′. Checked before use (h^m′ = 1 and h^α = g modulo m), so a wrong
 * α or a non-square h falls back to the two-table path instead of giving other results.
 */
function trapdoorSides(
  params: UnknownOrderPedersenParams,
  p: bigint,
  q: bigint,
  alpha: bigint,
): [(a: bigint, b: bigint) => bigint, (a: bigint, b: bigint) => bigint] | undefined {
  const side = (m: bigint) => {
    const order = (m - 1n) >> 1n;
    const h = new FixedBaseExp(params.h % m, m, bitLength(order), 7);
    const am = alpha % order;
    if (h.pow(order) !== 1n || h.pow(am) !== params.g % m) return undefined;
    return (a: bigint, b: bigint) => h.pow((am * a + b) % order);
  };
  const sp = side(p);
  const sq = side(q);
  return sp && sq ? [sp, sq] : undefined;
}
