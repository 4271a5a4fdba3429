import { s } from '../common/codec.ts';

/** Shared field schemas of the ECDSA wire messages (all bounded). */
export const sidField = s.bytes({ len: 32 });
export const pointField = s.bytes({ len: 33 });
export const scalarField = s.bigint({ maxBits: 256 });
/** Paillier ciphertexts mod N² for a 2048-bit N. */
export const ciphertextField = s.bigint({ maxBits: 4096 });
export const paillierModulusField = s.bigint({ maxBits: 2048 });
export const commitmentField = s.bytes({ len: 32 });
export const commitmentRandField = s.bytes({ len: 32 });
export const schnorrField = s.object({ A: pointField, z: scalarField });
