/**
 * Two-party ECDSA on secp256k1 (SPEC §5.1, §5.3, §5.4): Lindell 2017 in the form of cb-mpc's ecdsa-2pc.
 * Enclave = P1 (Paillier key owner, outputs the signature), client = P2. Every protocol is a pair of
 * message-driven state machines: `start()` once, then `receive(frame)` per inbound frame; each returns
 * `{ out: frames to send, result? }`. Frames are strict versioned JSON text (common/codec.ts).
 */
export type { EcdsaParties } from './context.ts';
export { EcdsaEjectP1, EcdsaEjectP2, type EcdsaEjectResult } from './eject.ts';
export { EcdsaPairGuard, type PairGuard, PairLockedError } from './guard.ts';
export {
  type EcdsaKeygenOptions,
  EcdsaKeygenP1,
  type EcdsaKeygenP1Options,
  EcdsaKeygenP2,
} from './keygen.ts';
export { EcdsaPairCheckP1, EcdsaPairCheckP2, type PairCheckResult } from './pair-check.ts';
export {
  type EnclavePedersen,
  enclavePedersen,
  pedersenParamsHash,
  pinnedPedersenParams,
  type VerifiedPedersenParams,
  verifyEnclavePedersenParams,
} from './pedersen.ts';
export { EcdsaP2Precompute } from './precompute.ts';
export {
  EcdsaBackupP1,
  EcdsaBackupP2,
  type EcdsaRefreshOptions,
  EcdsaRefreshP1,
  EcdsaRefreshP2,
} from './refresh.ts';
export type { RefreshPurpose } from './refresh-messages.ts';
export { EcdsaSession, type SessionState, type Step } from './session.ts';
export { type EcdsaP1Share, type EcdsaP2Share, ecdsaP1ShareSchema, ecdsaP2ShareSchema } from './shares.ts';
export { EcdsaSignP1, type EcdsaSignP1Options, prepareP1Share } from './sign-p1.ts';
export { EcdsaSignP2, type EcdsaSignP2Options } from './sign-p2.ts';
export type { EcdsaSignature } from './signature.ts';
