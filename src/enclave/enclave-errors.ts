/**
 * Typed errors of the enclave client, each with a stable code and a message a user can act on. Messages
 * never contain a share, key, nonce, digest or payload.
 */
export type EnclaveClientErrorCode =
  | 'ENCLAVE_UNREACHABLE' // no connection, closed early, or no answer in time
  | 'ENCLAVE_IDENTITY_MISMATCH' // the enclave does not hold the pinned identity key
  | 'ENCLAVE_AUTH_FAILED' // unknown wallet, or the device / recovery key is not the registered one
  | 'ENCLAVE_FAULT' // the enclave broke the protocol (bad proof, point, signature): nothing was signed
  | 'PAIR_LOCKED' // the pair is locked after a failed signature; recover from the backup or eject
  | 'PAIR_NOT_USABLE' // the pair is not in a status that allows the operation (unconfirmed, revoked, ...)
  | 'UNKNOWN_PAIR' // the enclave has no such pair for this wallet
  | 'PAIR_BUSY' // another session runs on this pair; retry shortly
  | 'EJECT_WINDOW_CLOSED' // eject is not enabled for this wallet right now
  | 'RATE_LIMITED' // too many requests; retry later
  | 'ENCLAVE_SHUTTING_DOWN' // the enclave is restarting; retry shortly
  | 'BAD_REQUEST' // the enclave refused the request as malformed or not allowed (e.g. raw digests)
  | 'PROTOCOL_ERROR' // a client-side protocol failure (our own state, not the enclave's fault)
  | 'INTERNAL';

const USER_MESSAGES: Record<EnclaveClientErrorCode, string> = {
  ENCLAVE_UNREACHABLE: 'The signing service cannot be reached. Check your connection and try again.',
  ENCLAVE_IDENTITY_MISMATCH:
    'The signing service does not present the identity this wallet is pinned to. Nothing was sent to it.',
  ENCLAVE_AUTH_FAILED: 'The signing service did not accept this device for this wallet.',
  ENCLAVE_FAULT:
    'The signing service answered with an invalid protocol message. Nothing was signed and your key share is safe.',
  PAIR_LOCKED:
    'This key pair is locked after a failed signature. Recover from your backup file or export the key.',
  PAIR_NOT_USABLE: 'This key pair cannot be used for that operation in its current state.',
  UNKNOWN_PAIR: 'The signing service does not know this key pair.',
  PAIR_BUSY: 'Another operation is using this key right now. Try again in a moment.',
  EJECT_WINDOW_CLOSED: 'Key export is not enabled for this wallet right now.',
  RATE_LIMITED: 'Too many requests to the signing service. Wait a moment and try again.',
  ENCLAVE_SHUTTING_DOWN: 'The signing service is restarting. Try again in a moment.',
  BAD_REQUEST: 'The signing service refused the request.',
  PROTOCOL_ERROR: 'The operation failed on this device. Nothing was signed.',
  INTERNAL: 'An unexpected error occurred in the signing service.',
};

export class EnclaveClientError extends Error {
  override readonly name = 'EnclaveClientError';
  /** The enclave's own error code (or an MPC error code), when the refusal came from a peer. */
  readonly detail: string | undefined;
  constructor(
    readonly code: EnclaveClientErrorCode,
    message?: string,
    detail?: string,
  ) {
    super(message ?? USER_MESSAGES[code]);
    this.detail = detail;
  }

  /** A message for the user interface. */
  get userMessage(): string {
    return USER_MESSAGES[this.code];
  }
}

export function userMessageFor(code: EnclaveClientErrorCode): string {
  return USER_MESSAGES[code];
}
