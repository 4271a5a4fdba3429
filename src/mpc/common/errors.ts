/**
 * Typed errors of the two-party protocols. Every refusal carries a stable `code` and a message that names
 * what failed, never a secret value (no share, nonce, key or plaintext goes into an error).
 */
export type MpcErrorCode =
  | 'MALFORMED_MESSAGE' // wire decoding failed: wrong version, type, length or bound
  | 'UNEXPECTED_MESSAGE' // a message arrived in a state that does not expect it (out of order, replay)
  | 'SESSION_MISMATCH' // the message belongs to another session or round
  | 'BAD_COMMITMENT' // a commitment opening does not match
  | 'BAD_PROOF' // a zero-knowledge proof failed to verify
  | 'BAD_POINT' // a point is not canonical, not on the curve, the identity, or has torsion
  | 'BAD_SCALAR' // a scalar is out of range (>= q or zero where forbidden)
  | 'BAD_PAILLIER_KEY' // modulus size, small factor or validity proof failed
  | 'BAD_CIPHERTEXT' // a ciphertext is not in Z*_{N^2}
  | 'BAD_PARAMETERS' // proof parameters refused (Pedersen / unknown-order)
  | 'BAD_SIGNATURE' // a produced signature does not verify
  | 'PUBLIC_KEY_MISMATCH' // shares do not add up to the wallet's public key
  | 'PAIR_LOCKED' // the pair is locked after a failed signature (SPEC §5.4)
  | 'NONCE_REUSE' // a party tried to use a nonce a second time
  | 'INVALID_STATE' // the state machine was used wrongly by the caller
  | 'INTERNAL';

export class MpcError extends Error {
  override readonly name = 'MpcError';
  constructor(
    readonly code: MpcErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function mpcAssert(condition: unknown, code: MpcErrorCode, message: string): asserts condition {
  if (!condition) throw new MpcError(code, message);
}
