import { Crt } from '../math/index.ts';
import type { PaillierPrivateKey } from '../paillier/index.ts';
import type { EcdsaSignVerifierAccel } from '../zk/ecdsa-sign-proof.ts';

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
  return {
    decrypt: (c) => key.decrypt(c),
    randomness: (c) => key.nthRoot(c % n),
    cKeyPlain: key.decrypt(cKeyShifted),
    cKeyRandomness: key.nthRoot(cKeyShifted % n),
    powModN: (b, e) => crt.pow(b, e, key.p - 1n, key.q - 1n),
  };
}
