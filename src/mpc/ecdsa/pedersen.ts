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
 * The enclave's verifier view with fixed-base tables for g and h (built once per parameter set, ~2·10^4
 * multiplications): the c3 proof's g^z·h^s then costs no squarings. The exponent bounds are those the
 * verifier enforces (responseBounds), so no checked exponent falls outside the tables. With the factors of
 * n (the enclave made the parameters from them; they never leave it) the same values are computed by CRT:
 * tables mod p and mod q with h's exponent reduced by the group order, and W^e by CRT, several times
 * cheaper. The results are identical; only the verifier holds the factors (SPEC §5.3 item 4).
 */
export function enclavePedersen(
  params: UnknownOrderPedersenParams,
  factors?: { p: bigint; q: bigint },
): EnclavePedersen {
  const bounds = responseBounds(params.n);
  const bases = { n: params.n, g: params.g, h: params.h };
  const gBits = Math.max(bitLength(bounds.z12), bitLength(bounds.z3));
  if (factors && factors.p * factors.q === params.n && factors.p !== factors.q) {
    const { p, q } = factors;
    const crt = new Crt(p, q);
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
    return {
      bases,
      commit: (a, b) => crt.combine(side(tp, p, a, b), side(tq, q, a, b)),
      pow: (b, e) => crt.pow(b, e),
    };
  }
  const gTable = new FixedBaseExp(params.g, params.n, gBits, 6);
  const hTable = new FixedBaseExp(params.h, params.n, bitLength(bounds.s), 6);
  return {
    bases,
    commit: (a, b) => (gTable.pow(a) * hTable.pow(b)) % params.n,
  };
}
