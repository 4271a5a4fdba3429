/** Public API of the vault (SPEC §6) and the backup file crypto (SPEC §4.4). */
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupAddresses,
  type BackupHeader,
  type BackupHeaderInput,
  backupFileName,
  type OpenedBackup,
  openBackupFile,
  readBackupHeader,
  type SealBackupOptions,
  sealBackupFile,
} from './backup-file.ts';
export type { VaultWrite } from './batch.ts';
export { alarmSchedulerFrom, SESSION_KEY_ITEM, sessionKeyStoreFrom } from './browser-ports.ts';
export { isVaultError, VaultError, type VaultErrorCode } from './errors.ts';
export type { JournalBegin, JournalEntry, JournalPatch } from './journal.ts';
export { BACKUP_KDF_DEFAULT, type ScryptParams, VAULT_KDF_DEFAULT } from './kdf.ts';
export type { ConnectedSiteInput } from './plain-stores.ts';
export type { AlarmScheduler, Clock, SessionKeyStore } from './ports.ts';
export type {
  BackupRecord,
  ConnectedSiteRecord,
  Curve,
  ShareStatus,
  WalletRecord,
} from './schema.ts';
export { SCHEMA_VERSION } from './schema.ts';
export type { OpenedShare, ShareInfo, ShareRef } from './shares.ts';
export { unlockDelayMs } from './unlock-throttle.ts';
export {
  AUTO_LOCK_ALARM,
  DEFAULT_AUTO_LOCK_MINUTES,
  MIN_PASSWORD_LENGTH,
  Vault,
  type VaultOptions,
} from './vault.ts';
