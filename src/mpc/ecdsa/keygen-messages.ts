import { s } from '../common/codec.ts';
import { KeyEncryptionProofSchema } from '../zk/key-encryption.ts';
import { ValidPaillierProofSchema } from '../zk/paillier-valid.ts';
import {
  ciphertextField,
  commitmentField,
  commitmentRandField,
  paillierModulusField,
  pointField,
  schnorrField,
  sidField,
} from './wire.ts';

/**
 * Key generation (3 frames). 1 P1→P2 commitment to (Q1, π1); 2 P2→P1 Q2, π2; 3 P1→P2 opening of Q1 with N,
 * c_key = Enc(x1) and all of P1's proofs about them (validity of N, Com/equality/range/PDL on c_key).
 * The proofs are non-interactive, so they travel in the last frame with the opening.
 */
export const KeygenMsg1 = s.frame('ecdsa.keygen.1', { sid: sidField, com: commitmentField });
export const KeygenMsg2 = s.frame('ecdsa.keygen.2', { sid: sidField, Q2: pointField, pi2: schnorrField });
export const KeygenMsg3 = s.frame('ecdsa.keygen.3', {
  sid: sidField,
  Q1: pointField,
  pi1: schnorrField,
  rand: commitmentRandField,
  N: paillierModulusField,
  cKey: ciphertextField,
  validity: ValidPaillierProofSchema,
  keyProof: KeyEncryptionProofSchema,
});

export const KEYGEN_AUX = {
  commitQ1: 'ecdsa.keygen.Q1.commit',
  Q1: 'ecdsa.keygen.Q1',
  Q2: 'ecdsa.keygen.Q2',
  validity: 'ecdsa.keygen.paillier-valid',
  keyProof: 'ecdsa.keygen.c_key',
} as const;
