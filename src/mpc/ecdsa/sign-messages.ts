import { s } from '../common/codec.ts';
import {
  ciphertextField,
  commitmentField,
  commitmentRandField,
  pointField,
  scalarField,
  schnorrField,
  sidField,
} from './wire.ts';

/**
 * Wire messages of the co-signature (5 frames: Lindell 2017 in cb-mpc's form, plus the signature back to P2).
 * 1 P1→P2 commitment to (digest, R1, π1); 2 P2→P1 R2, π2; 3 P1→P2 opening; 4 P2→P1 c3 and its proof;
 * 5 P1→P2 the verified signature.
 */
const pedersenValue = s.bigint({ maxBits: 4096 });

export const signProofSchema = s.object({
  W1: pedersenValue,
  W2: pedersenValue,
  W3: pedersenValue,
  W1t: pedersenValue,
  W2t: pedersenValue,
  W3t: pedersenValue,
  Gt: pointField,
  Q2t: pointField,
  Ct: ciphertextField,
  z1: s.bigint({ maxBits: 512 }),
  z2: s.bigint({ maxBits: 512 }),
  z3: s.bigint({ maxBits: 1024 }),
  s1: s.bigint({ maxBits: 4400 }),
  s2: s.bigint({ maxBits: 4400 }),
  s3: s.bigint({ maxBits: 4400 }),
  u: s.bigint({ maxBits: 2048 }),
});

export const SignMsg1 = s.frame('ecdsa.sign.1', { sid: sidField, com: commitmentField });
export const SignMsg2 = s.frame('ecdsa.sign.2', { sid: sidField, R2: pointField, pi2: schnorrField });
export const SignMsg3 = s.frame('ecdsa.sign.3', {
  sid: sidField,
  R1: pointField,
  pi1: schnorrField,
  rand: commitmentRandField,
});
export const SignMsg4 = s.frame('ecdsa.sign.4', {
  sid: sidField,
  c3: ciphertextField,
  proof: signProofSchema,
});
export const SignMsg5 = s.frame('ecdsa.sign.5', {
  sid: sidField,
  r: scalarField,
  s: scalarField,
  recid: s.int({ min: 0, max: 3 }),
});

export const SIGN_AUX = {
  commitR1: 'ecdsa.sign.R1.commit',
  R1: 'ecdsa.sign.R1',
  R2: 'ecdsa.sign.R2',
  c3: 'ecdsa.sign.c3',
} as const;
