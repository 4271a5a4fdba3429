import { secp256k1 } from '@noble/curves/secp256k1.js';

/** Statistical and soundness parameters shared by the Paillier proofs (cb-mpc's values). */
export const SEC_P_STAT = 64n;
export const SEC_P_COM = 128;
/** Challenges split into 13-bit chunks: after the no-small-factor check each chunk is sound to 2^-13. */
export const LOG_ALPHA = 13;
/** Repetitions for 128-bit soundness with 13-bit challenges: ceil(128 / 13). */
export const PAILLIER_REPS = Math.ceil(SEC_P_COM / LOG_ALPHA);
/** Total challenge bits of the Paillier–Pedersen equality proof. */
export const PAILLIER_LAMBDA = PAILLIER_REPS * LOG_ALPHA;
/** secp256k1 group order. */
export const CURVE_ORDER: bigint = secp256k1.Point.Fn.ORDER;
export const CURVE_ORDER_BITS = 256;
