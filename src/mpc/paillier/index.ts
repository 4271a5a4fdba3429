export {
  assertCiphertext,
  generatePaillierKey,
  generatePaillierKeySteps,
  PAILLIER_MODULUS_BITS,
  PaillierPrivateKey,
  PaillierPublicKey,
  type PaillierRandomness,
  PaillierRandomnessPool,
} from './paillier.ts';
