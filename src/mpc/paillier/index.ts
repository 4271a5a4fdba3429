export {
  assertCiphertext,
  generatePaillierKey,
  PAILLIER_MODULUS_BITS,
  PaillierPrivateKey,
  PaillierPublicKey,
  type PaillierRandomness,
  PaillierRandomnessPool,
} from './paillier.ts';
