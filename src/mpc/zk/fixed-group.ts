import { randomBelow } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { FixedBaseExp } from '../math/fixed-base.ts';
import { jacobi } from './jacobi.ts';

/**
 * The fixed prime-order group for keygen's equality and range proofs (SPEC §5.1): the quadratic-residue
 * subgroup (prime order p' = (p − 1)/2) of the 2048-bit RFC 3526 group 14 MODP safe prime. Its bases are
 * squares of SHA-256 outputs of fixed labels (see fixed-group.test.ts, which re-derives them), so nobody
 * knows log_g(h). The square roots are kept because the range proof's first messages are computed on
 * them and squared by the verifier, which saves a subgroup check per commitment (as cb-mpc does).
 */
export const FIXED_P = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AACAA68FFFFFFFFFFFFFFFF',
);
/** Order of the quadratic-residue subgroup. */
export const FIXED_ORDER = (FIXED_P - 1n) >> 1n;

/** The hash-derived square roots of g and h, and the labels they come from. */
export const FIXED_G_LABEL = 'twofold/v1/pedersen-rfc3526-14/g';
export const FIXED_H_LABEL = 'twofold/v1/pedersen-rfc3526-14/h';
export const FIXED_SQRT_G = BigInt(
  '0x394f42f816c9a9e87286f766f83417dcd05b912f304ab4a0725c0c6d1c2d1c0d088091baba91c13c8139c1c664e21367' +
    '73e6daa976e377d5d9ac8da1fe1859e8b371d8e9517c6e9abe294cb7da71df2b5a21fe5dcec3687129aca5ca8ef571cd' +
    '4453942a9eeb323c789fc927198c570fa76f1f8ab32e168fc38d4750ce86d913cfd2187f4e96b34477f5bb970604c001' +
    '396e4ab4f833f0418465355537db29441759b7674fbd27925ce671dd2b6f3f16387d11ec9837f2f1ea03623ac3d74552' +
    'e0054768502ecc7c33b33d48a83fd605c19061f73816a7db9aaa4182a701b7993f93c329e834236961368b31d77ad89f' +
    '16bb04460ccb48950fc7b5c22329c8ce',
);
export const FIXED_SQRT_H = BigInt(
  '0xdb273b66057ee9350b1ab4831a3055e7be0539fe842ea8d2d90c3439cf8c9abfbcab272b051d168ab4d90437cacd8da9' +
    'b5dcd26c1185ff7dce63d38a98c22a39ea34796f88aa1abfe8a5f09942095f229974d557ae22897d695c0c3994b58a70' +
    'be3145c2017251a28a3c57eeb88eef3efe70bb706b407e963c8b812bad76bc23eae30d5452c06d5aeef7b53296407d72' +
    '637c93930858f10a8c0a75fd024b5366afd26fe6e2d14860bbb37d8d3523b83a8bcb5f2b821120bbc35a6859c481c0c9' +
    '91b13fb600cad99feda2714e76b1550b7b925bb8bae309c1b885f3bd2d253ab540dbfef08d87e813ecefe9cb90672300' +
    '739c39eacd6e82b33bf7274c64576776',
);
export const FIXED_G = (FIXED_SQRT_G * FIXED_SQRT_G) % FIXED_P;
export const FIXED_H = (FIXED_SQRT_H * FIXED_SQRT_H) % FIXED_P;

/** Bit size of group elements on the wire. */
export const FIXED_ELEMENT_BITS = 2048;

type Base = 'g' | 'h' | 'sqrtG' | 'sqrtH';
// Largest exponent per base: g carries x < q and the equality proof's Σ r_i·2^(13i) (< 2^460); √g the
// range masks (< q·2^64); h and √h blinding values below p'. Larger exponents fall back to modPow.
const TABLE_SPECS: Record<Base, [bigint, number]> = {
  g: [FIXED_G, 512],
  h: [FIXED_H, 2048],
  sqrtG: [FIXED_SQRT_G, 384],
  sqrtH: [FIXED_SQRT_H, 2048],
};
const tables: Partial<Record<Base, FixedBaseExp>> = {};

/**
 * Fixed-base table for one base, built on first use (prover side: the enclave makes hundreds of
 * exponentiations per keygen). Verifiers use plain exponentiation: they need each base once or twice.
 */
export function fixedGroupTable(base: Base): FixedBaseExp {
  let t = tables[base];
  if (!t) {
    const [b, bits] = TABLE_SPECS[base];
    t = new FixedBaseExp(b, FIXED_P, bits, 6);
    tables[base] = t;
  }
  return t;
}

/** Pedersen commitment g^x·h^ρ mod p (prover side, tables). */
export function fixedCommit(x: bigint, rho: bigint): bigint {
  return (fixedGroupTable('g').pow(x) * fixedGroupTable('h').pow(rho)) % FIXED_P;
}

/** Uniform blinding exponent in [0, p'). */
export function randomFixedBlinding(): bigint {
  return randomBelow(FIXED_ORDER);
}

/**
 * x ∈ (0, p) and x lies in the order-p' subgroup, else BAD_PROOF naming `what`. That subgroup is exactly
 * the quadratic residues (p is a safe prime), so Euler's criterion x^p' = 1 is the Legendre symbol
 * (x/p) = 1, computed as a Jacobi symbol: the same test at a few percent of an exponentiation's cost.
 */
export function assertInFixedSubgroup(x: bigint, what: string): void {
  if (x <= 0n || x >= FIXED_P || jacobi(x, FIXED_P) !== 1)
    throw new MpcError('BAD_PROOF', `${what} is not in the commitment group`);
}
