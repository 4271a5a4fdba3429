/**
 * Typed refusals of the secure channel (SPEC §7). Messages name what failed, never a key, nonce or plaintext.
 */
export type ChannelErrorCode =
  | 'MALFORMED' // a handshake or sealed frame does not decode
  | 'UNSUPPORTED_VERSION' // the peer speaks another channel version
  | 'UNEXPECTED' // a frame arrived in a state that does not expect it
  | 'IDENTITY_MISMATCH' // the enclave presented another identity key than the pinned one
  | 'BAD_SIGNATURE' // a handshake signature does not verify
  | 'BAD_KEY_SHARE' // an ephemeral X25519 key gives a degenerate shared secret
  | 'REPLAY' // a sealed frame with a counter already seen
  | 'OUT_OF_ORDER' // a sealed frame skipped ahead
  | 'DECRYPT_FAILED' // authentication of a sealed frame failed (tampered, wrong key)
  | 'CLOSED'; // the channel was closed after an earlier refusal

export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    readonly code: ChannelErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
