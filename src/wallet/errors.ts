/**
 * Typed wallet errors. Each has a stable `code` (the page API's PageErrorCode) and a fixed, user-facing
 * message. Nothing variable goes into a message except a short non-secret detail (a field name); errors
 * from the vault and the enclave client are mapped to these codes without keeping their `cause`.
 */
import { EnclaveClientError, type EnclaveClientErrorCode } from '../enclave/enclave-errors.ts';
import type { PageErrorCode } from '../messaging/page-messages.ts';
import { VaultError, type VaultErrorCode } from '../vault/errors.ts';

export type WalletErrorCode = PageErrorCode | 'NOT_READY' | 'PAIR_LOCKED' | 'STORAGE_FAILED' | 'INTERNAL';

const MESSAGES: Record<WalletErrorCode, string> = {
  LOCKED: 'The wallet is locked. Unlock it with your password and try again.',
  NO_WALLET: 'There is no wallet on this device yet. Create one or restore it from a backup file.',
  WALLET_EXISTS: 'A wallet already exists on this device.',
  WRONG_PASSWORD: 'The password is incorrect. Check it and try again.',
  TOO_MANY_ATTEMPTS: 'Too many wrong passwords. Wait a moment and try again.',
  WEAK_PASSWORD: 'The password is too short. Choose a password of at least 8 characters.',
  SAME_PASSWORD: 'The backup password must differ from the wallet password.',
  BAD_BACKUP_FILE: 'This is not a valid Twofold backup file for this wallet. Select the file you saved.',
  WRONG_BACKUP_PASSWORD: 'The backup password is incorrect. Check it and try again.',
  BACKUP_MISMATCH:
    'The backup file does not match this wallet or its backup was revoked. Select the file you saved last.',
  ENCLAVE_UNREACHABLE: 'The signing service cannot be reached. Check your connection and try again.',
  ENCLAVE_IDENTITY_MISMATCH:
    'The signing service does not present the identity this wallet is pinned to. Nothing was sent to it.',
  ENCLAVE_FAULT:
    'The signing service answered with an invalid message. Nothing was signed and your key share is safe.',
  ENCLAVE_REFUSED: 'The signing service refused the request.',
  ENCLAVE_RESTARTING: 'The signing service is restarting. Nothing was signed; try again in a moment.',
  ENCLAVE_BUSY:
    'The signing service is receiving too many requests from this wallet or network. Nothing was signed; wait a moment and try again.',
  EJECT_NOT_ALLOWED: 'Key export is not enabled for this wallet right now.',
  KEY_EXPORTED:
    'The keys of this wallet were exported: it signs locally now. Move your funds to a new wallet.',
  KEY_NOT_EXPORTED:
    'The keys of this wallet were never exported: they exist only as two shares, so there is no full key to show.',
  KEY_ALREADY_SHOWN:
    'The exported keys were shown once, at eject, and are not shown again. Move the funds to another wallet with Move funds.',
  RESTORED_ELSEWHERE:
    'This wallet was restored on another device; this device can no longer sign. Restore from your backup file to use it here.',
  BUSY: 'Another wallet operation is running. Wait for it to finish.',
  INVALID_ARGUMENT: 'The request was not valid.',
  RPC_ERROR: 'The network (RPC) refused the request or cannot be reached. Check the RPC URL in settings.',
  INSUFFICIENT_FUNDS: 'Not enough funds for this amount plus the network fee.',
  BAD_DESTINATION: 'Choose another destination address.',
  NOTHING_TO_SWEEP: 'There is nothing to move: the balance does not cover the network fee.',
  NOT_READY: 'The wallet is finishing an interrupted operation. Try again in a moment.',
  PAIR_LOCKED:
    'This key pair is locked after a failed signature. Recover from your backup file or export the key.',
  STORAGE_FAILED: 'The browser refused to store data. Free some disk space or restart the browser.',
  INTERNAL: 'An unexpected error occurred. Nothing was signed.',
};

export class WalletError extends Error {
  override readonly name = 'WalletError';
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly code: WalletErrorCode,
    detail?: string,
    opts: { retryAfterMs?: number } = {},
  ) {
    super(`${MESSAGES[code]}${detail ? ` (${detail})` : ''}`);
    this.retryAfterMs = opts.retryAfterMs;
  }
}

const VAULT_MAP: Partial<Record<VaultErrorCode, WalletErrorCode>> = {
  LOCKED: 'LOCKED',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  UNLOCK_THROTTLED: 'TOO_MANY_ATTEMPTS',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  VAULT_NOT_INITIALIZED: 'NO_WALLET',
  VAULT_EXISTS: 'WALLET_EXISTS',
  STORAGE_FAILED: 'STORAGE_FAILED',
  BACKUP_WRONG_PASSWORD: 'WRONG_BACKUP_PASSWORD',
  BACKUP_TAMPERED: 'BAD_BACKUP_FILE',
  BACKUP_MALFORMED: 'BAD_BACKUP_FILE',
  BACKUP_UNSUPPORTED_VERSION: 'BAD_BACKUP_FILE',
};

const ENCLAVE_MAP: Record<EnclaveClientErrorCode, WalletErrorCode> = {
  ENCLAVE_UNREACHABLE: 'ENCLAVE_UNREACHABLE',
  ENCLAVE_IDENTITY_MISMATCH: 'ENCLAVE_IDENTITY_MISMATCH',
  ENCLAVE_AUTH_FAILED: 'RESTORED_ELSEWHERE',
  ENCLAVE_FAULT: 'ENCLAVE_FAULT',
  PAIR_LOCKED: 'PAIR_LOCKED',
  PAIR_NOT_USABLE: 'ENCLAVE_REFUSED',
  UNKNOWN_PAIR: 'ENCLAVE_REFUSED',
  PAIR_BUSY: 'BUSY',
  EJECT_WINDOW_CLOSED: 'EJECT_NOT_ALLOWED',
  RATE_LIMITED: 'ENCLAVE_BUSY',
  ENCLAVE_SHUTTING_DOWN: 'ENCLAVE_RESTARTING',
  BAD_REQUEST: 'ENCLAVE_REFUSED',
  PROTOCOL_ERROR: 'ENCLAVE_FAULT',
  INTERNAL: 'ENCLAVE_REFUSED',
};

/**
 * Any thrown value → a WalletError with a fixed message. The original is dropped on purpose: third-party
 * errors (IndexedDB, viem, MPC internals) may quote data we must not pass on.
 */
export function toWalletError(e: unknown): WalletError {
  if (e instanceof WalletError) return e;
  if (e instanceof VaultError) {
    const code = VAULT_MAP[e.code] ?? (e.code === 'RECORD_TAMPERED' ? 'INTERNAL' : 'INTERNAL');
    return new WalletError(
      code,
      e.code === 'RECORD_TAMPERED' ? 'a stored record failed its integrity check' : undefined,
      e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs },
    );
  }
  if (e instanceof EnclaveClientError) return new WalletError(ENCLAVE_MAP[e.code] ?? 'ENCLAVE_REFUSED');
  return new WalletError('INTERNAL');
}

export function isWalletError(e: unknown, code?: WalletErrorCode): e is WalletError {
  return e instanceof WalletError && (code === undefined || e.code === code);
}
