/** ed25519 two-party core: FROST (RFC 9591) 2-of-2 with @noble/curves (SPEC §5.2). */
export { base58Encode } from './base58.ts';
export { type DkgOptions, type DkgResult, FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
export {
  ED25519_SCALAR_LABEL,
  type EjectedEd25519Key,
  FrostEjectClient,
  FrostEjectEnclave,
  signWithEjectedScalar,
} from './eject.ts';
export { freshSid, runSessions, type Tamper } from './loopback.ts';
export { FrostPairCheckClient, FrostPairCheckEnclave, type PairCheckResult } from './pair-check.ts';
export { type PokContext, provePok, proveShareKnowledge, verifyPok, verifyShareKnowledge } from './pok.ts';
export { CLIENT_ID, ENCLAVE_ID, type FrostRole, LAMBDA } from './roles.ts';
export { FrostSession, type SessionOptions, type WireFrame } from './session.ts';
export {
  checkFrostShare,
  decodeFrostShare,
  encodeFrostShare,
  type FrostClientShare,
  type FrostEnclaveShare,
  type FrostShare,
  frostClientShareSchema,
  frostEnclaveShareSchema,
  publicPackage,
} from './share.ts';
export {
  type FrostCosignResult,
  type FrostSignature,
  FrostSignClient,
  FrostSignEnclave,
  verifyEd25519Strict,
} from './sign.ts';
export { createFrostSuite, defaultFrostSuite, type FrostSuite } from './suite.ts';
export { type DkgMode, FROST_FRAME_TYPES, MAX_SIGN_MESSAGE_BYTES } from './wire.ts';
