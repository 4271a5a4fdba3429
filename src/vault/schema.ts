/**
 * The vault's IndexedDB schema and its migrations. Each migration takes the database from version v-1 to v;
 * opening at a version runs every missing step in order inside the upgrade transaction, so a profile made
 * by any earlier release upgrades in place. Add a version by appending a step; never edit a shipped one.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import type { ScryptParams } from './kdf.ts';

export type Curve = 'secp256k1' | 'ed25519';
export type ShareStatus = 'pending' | 'active';

/** The vault key wrapped under the password-derived key (meta store, id 'vaultKey'). */
export interface VaultKeyRecord {
  id: 'vaultKey';
  format: 1;
  /** Random id of this vault; bound into the wrap and the session entry. */
  vaultId: string;
  kdf: ScryptParams & { name: 'scrypt'; salt: Uint8Array };
  /** Password check from the KDF (see kdf.ts). */
  check: Uint8Array;
  nonce: Uint8Array;
  wrappedKey: Uint8Array;
  createdAt: number;
  updatedAt: number;
}

/** Wrong-password counter, persisted so a worker restart does not reset the delay (meta store). */
export interface UnlockThrottleRecord {
  id: 'unlockThrottle';
  failures: number;
  lastFailureAt: number;
}

export type MetaRecord = VaultKeyRecord | UnlockThrottleRecord;

/** Plain wallet metadata (no secrets); `data` belongs to the wallet service. */
export interface WalletRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  data: Record<string, unknown>;
}

export interface SealedShareRecord {
  walletId: string;
  curve: Curve;
  pairId: string;
  kind: string;
  status: ShareStatus;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  createdAt: number;
  updatedAt: number;
}

export interface SealedPart {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

export interface JournalRecord {
  id: string;
  op: string;
  walletId: string | undefined;
  step: string;
  /** Non-secret state of the operation (structured-clonable). */
  data: unknown;
  /** Named secret parts, each sealed under the vault key. */
  secrets: Record<string, SealedPart>;
  createdAt: number;
  updatedAt: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface ConnectedSiteRecord {
  origin: string;
  walletId: string;
  accounts: string[];
  chainId: number | undefined;
  connectedAt: number;
  lastUsedAt: number;
}

/** Backup metadata only: the backup file itself is never stored in the vault. */
export interface BackupRecord {
  id: string;
  walletId: string;
  /** Backup pair ids per curve (public identifiers). */
  pairIds: Partial<Record<Curve, string>>;
  createdAt: number;
  lastVerifiedAt: number | undefined;
  revokedAt: number | undefined;
}

export interface VaultSchema extends DBSchema {
  meta: { key: string; value: MetaRecord };
  wallets: { key: string; value: WalletRecord };
  shares: {
    key: [string, string, string, string];
    value: SealedShareRecord;
    indexes: { byWallet: string };
  };
  journal: { key: string; value: JournalRecord; indexes: { byCreated: number } };
  settings: { key: string; value: SettingRecord };
  connectedSites: { key: string; value: ConnectedSiteRecord };
  backups: { key: string; value: BackupRecord; indexes: { byWallet: string } };
}

export type VaultDb = IDBPDatabase<VaultSchema>;
type UpgradeTx = IDBPTransaction<VaultSchema, StoreNames<VaultSchema>[], 'versionchange'>;
type Migration = (db: VaultDb, tx: UpgradeTx) => void;

const MIGRATIONS: readonly Migration[] = [
  // v1: the key store, wallets, sealed shares, settings.
  (db) => {
    db.createObjectStore('meta', { keyPath: 'id' });
    db.createObjectStore('wallets', { keyPath: 'id' });
    const shares = db.createObjectStore('shares', { keyPath: ['walletId', 'curve', 'pairId', 'kind'] });
    shares.createIndex('byWallet', 'walletId');
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  // v2: the operation journal, connected sites, backup metadata.
  (db) => {
    db.createObjectStore('journal', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    db.createObjectStore('connectedSites', { keyPath: 'origin' });
    db.createObjectStore('backups', { keyPath: 'id' }).createIndex('byWallet', 'walletId');
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
export const DEFAULT_DB_NAME = 'twofold-vault';

export interface OpenVaultDbOptions {
  name?: string;
  /** Defaults to the global `indexedDB`; tests pass a fake-indexeddb IDBFactory. */
  indexedDB?: IDBFactory;
  /** Open at an older version (migration tests only). */
  version?: number;
  /** Called when the connection closes (another context upgrades the schema, or the browser closes it). */
  onClose?: () => void;
}

/** Open (creating or upgrading) the vault database. Mirrors idb's openDB, with an injectable factory. */
export function openVaultDb(opts: OpenVaultDbOptions = {}): Promise<VaultDb> {
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  const version = opts.version ?? SCHEMA_VERSION;
  if (!Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION)
    throw new RangeError('unknown vault schema version');
  const request = factory.open(opts.name ?? DEFAULT_DB_NAME, version);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as VaultDb;
    const tx = wrap(request.transaction!) as unknown as UpgradeTx;
    for (let v = event.oldVersion + 1; v <= version; v++) MIGRATIONS[v - 1]!(db, tx);
  });
  const opened = wrap(request) as unknown as Promise<VaultDb>;
  return opened.then((db) => {
    // Another context wants a newer schema: let it upgrade; the owner reopens on next use.
    db.addEventListener('versionchange', () => {
      db.close();
      opts.onClose?.();
    });
    db.addEventListener('close', () => opts.onClose?.());
    return db;
  });
}
