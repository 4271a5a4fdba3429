import { Crt, FixedBaseExp } from '../math/index.ts';
import type { PaillierPrivateKey } from '../paillier/index.ts';
import { type EcdsaSignVerifierAccel, responseBounds } from '../zk/ecdsa-sign-proof.ts';
import { q } from './curve.ts';

/**
 * P1's fast path for the c3 proof's ciphertext relation, using its own Paillier factorisation:
 * Z*_{N²} ≅ Z_N × Z*_N via (m, ρ) ↦ (1+N)^m·ρ^N, so an equation between ciphertexts holds iff both the
 * plaintexts (CRT decryption) and the randomness parts (N-th roots mod N) agree. That avoids the full-size
 * u^N mod N² of the public check. The plaintext and randomness of cK are read from the ciphertext itself
 * (never from P1's belief about x1), so this decides exactly the relation of the public check.
 */
export function paillierVerifierAccel(
  key: PaillierPrivateKey,
  cKeyShifted: bigint,
): EcdsaSignVerifierAccel['paillier'] {
  const n = key.n;
  const crt = new Crt(key.p, key.q);
  const cKeyRandomness = key.nthRoot(cKeyShifted % n);
  const self = {
    decrypt: (c: bigint) => key.decryptUnit(c),
    isUnit: (x: bigint) => x % key.p !== 0n && x % key.q !== 0n,
    randomness: (c: bigint) => key.nthRoot(c % n),
    cKeyPlain: key.decrypt(cKeyShifted),
    cKeyRandomness,
    powModN: (b: bigint, e: bigint) => crt.pow(b, e, key.p - 1n, key.q - 1n),
    cKeyRandomnessPow: (e: bigint) => cKeyTables(self, key, cKeyRandomness, e),
  };
  return self;
}

// The exponent z1·r of cK's randomness: z1 below the verifier's bound, r < q.
const CKEY_EXP_BITS = responseBounds(1n).z12.toString(2).length + q.toString(2).length;
const TABLE_CACHE = 64;
const tables = new Map<object, { p: FixedBaseExp; q: FixedBaseExp }>();
const seen = new WeakSet<object>();

/**
 * cK's randomness raised to e by CRT with fixed-base tables mod p and mod q (per share, ~1.8 MB, built on
 * its second co-signature and kept for the most recently used shares only).
 */
function cKeyTables(owner: object, key: PaillierPrivateKey, base: bigint, e: bigint): bigint {
  let t = tables.get(owner);
  if (t) {
    tables.delete(owner);
    tables.set(owner, t);
  } else if (!seen.has(owner)) {
    // A share signed with once may never sign again: no table for a single use.
    seen.add(owner);
    return new Crt(key.p, key.q).pow(base, e, key.p - 1n, key.q - 1n);
  } else {
    t = {
      p: new FixedBaseExp(base % key.p, key.p, CKEY_EXP_BITS, 5),
      q: new FixedBaseExp(base % key.q, key.q, CKEY_EXP_BITS, 5),
    };
    tables.set(owner, t);
    if (tables.size > TABLE_CACHE) tables.delete(tables.keys().next().value!);
  }
  return new Crt(key.p, key.q).combine(t.p.pow(e), t.q.pow(e));
}
