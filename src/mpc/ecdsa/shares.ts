import { type Infer, s } from '../common/codec.ts';
import { ciphertextField, paillierModulusField, pointField } from './wire.ts';

/**
 * Key shares of one ECDSA pair. P1 (enclave) keeps x1 as an integer (it grows by ρ < q on every refresh,
 * matching the plaintext of c_key) and its Paillier primes; P2 (client) keeps x2 mod q and the public values
 * it checked at key generation. Both are plain data with codec schemas, for the enclave store and the vault.
 */
export const pairIdField = s.string({ minLen: 1, maxLen: 128 });

export const ecdsaP1ShareSchema = s.object({
  v: s.literal(1),
  kind: s.literal('ecdsa-p1'),
  pairId: pairIdField,
  /** Integer share (not reduced mod q); Dec(cKey) = x1. */
  x1: s.bigint({ maxBits: 1024 }),
  /** Paillier primes (the Paillier secret key). */
  paillierP: s.bigint({ maxBits: 1024 }),
  paillierQ: s.bigint({ maxBits: 1024 }),
  cKey: ciphertextField,
  Q: pointField,
  Q1: pointField,
  Q2: pointField,
});
export type EcdsaP1Share = Infer<typeof ecdsaP1ShareSchema>;

export const ecdsaP2ShareSchema = s.object({
  v: s.literal(1),
  kind: s.literal('ecdsa-p2'),
  pairId: pairIdField,
  x2: s.bigint({ maxBits: 256 }),
  Q: pointField,
  Q1: pointField,
  Q2: pointField,
  N: paillierModulusField,
  cKey: ciphertextField,
});
export type EcdsaP2Share = Infer<typeof ecdsaP2ShareSchema>;
