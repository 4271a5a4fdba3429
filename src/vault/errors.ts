/**
 * Typed vault errors. Each carries a stable `code` for the caller and a user-facing message that says what
 * to do. Messages come from the fixed table below plus, at most, a non-secret detail (a field name, a
 * number of seconds): never a password, key, nonce, ciphertext or plaintext, and never a wrapped `cause`.
 */
export type VaultErrorCode =
  | 'VAULT_NOT_INITIALIZED' // no vault has been created yet
  | 'VAULT_EXISTS' // createVault on a vault that already exists
  | 'VAULT_CORRUPT' // the stored wrapped key is malformed or fails to open with the right password
  | 'LOCKED' // the operation needs the vault key and the vault is locked
  | 'WRONG_PASSWORD'
  | 'UNLOCK_THROTTLED' // too many wrong passwords: wait `retryAfterMs`
  | 'WEAK_PASSWORD'
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'RECORD_TAMPERED' // a sealed record failed authentication (moved to another wallet/curve/pair/kind/status, or altered)
  | 'STORAGE_FAILED' // IndexedDB or browser storage refused the operation
  | 'BACKUP_WRONG_PASSWORD'
  | 'BACKUP_TAMPERED' // right password but the header or body was altered
  | 'BACKUP_MALFORMED'
  | 'BACKUP_UNSUPPORTED_VERSION';

const MESSAGES: Record<VaultErrorCode, string> = {
  VAULT_NOT_INITIALIZED: 'No wallet vault exists yet. Create a wallet or restore one from a backup file.',
  VAULT_EXISTS: 'A wallet vault already exists on this device. Unlock it instead of creating a new one.',
  VAULT_CORRUPT:
    'The wallet vault on this device is damaged and cannot be opened. Restore the wallet from its backup file.',
  LOCKED: 'The wallet is locked. Unlock it with your password and try again.',
  WRONG_PASSWORD: 'The password is incorrect. Check it and try again.',
  UNLOCK_THROTTLED: 'Too many wrong passwords. Wait a moment and try again.',
  WEAK_PASSWORD: 'The password is too short. Choose a password of at least 8 characters.',
  INVALID_ARGUMENT: 'The request was not valid. This is a bug in the caller; please report it.',
  NOT_FOUND: 'The requested record does not exist.',
  RECORD_TAMPERED:
    'A stored record failed its integrity check and was not used. Run the health check; if it persists, restore the wallet from its backup file.',
  STORAGE_FAILED:
    'The browser refused to store data. Free some disk space or restart the browser and try again.',
  BACKUP_WRONG_PASSWORD: 'The backup password is incorrect. Check it and try again.',
  BACKUP_TAMPERED:
    'This backup file has been modified or damaged and cannot be trusted. Use another copy of the backup file.',
  BACKUP_MALFORMED:
    'This is not a valid Twofold backup file, or it is truncated. Select the original backup file.',
  BACKUP_UNSUPPORTED_VERSION:
    'This backup file was made by a newer version of Twofold. Update the extension and try again.',
};

export class VaultError extends Error {
  override readonly name = 'VaultError';
  /** For UNLOCK_THROTTLED (and WRONG_PASSWORD when a delay now applies): milliseconds until the next attempt. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: VaultErrorCode,
    detail?: string,
    opts: { retryAfterMs?: number } = {},
  ) {
    super(`${MESSAGES[code]}${detail ? ` (${detail})` : ''}`);
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export function isVaultError(e: unknown, code?: VaultErrorCode): e is VaultError {
  return e instanceof VaultError && (code === undefined || e.code === code);
}

export function vaultAssert(condition: unknown, code: VaultErrorCode, detail?: string): asserts condition {
  if (!condition) throw new VaultError(code, detail);
}

/** Map an IndexedDB / storage failure to STORAGE_FAILED, keeping only the DOMException name (never data). */
export function storageError(e: unknown): VaultError {
  if (e instanceof VaultError) return e;
  const name =
    e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? e.name : '';
  // A value IndexedDB cannot store (a function, a class instance...) is the caller's mistake, not the disk's.
  if (name === 'DataCloneError') return new VaultError('INVALID_ARGUMENT', 'value cannot be stored');
  return new VaultError('STORAGE_FAILED', /^[A-Za-z]{1,40}$/.test(name) ? name : undefined);
}
