/** What the record APIs need from the Vault: storage, the clock, the key when unlocked, atomic writes. */
import type { VaultWrite } from './batch.ts';
import type { Clock } from './ports.ts';
import type { VaultDb } from './schema.ts';

export interface VaultContext {
  readonly clock: Clock;
  /** A fresh copy of the vault key (the caller wipes it), or VaultError LOCKED. */
  requireKey(): Promise<Uint8Array>;
  /** Run a storage step, mapping storage failures to STORAGE_FAILED. */
  run<T>(fn: (db: VaultDb) => Promise<T>): Promise<T>;
  /** Apply writes atomically in one IndexedDB transaction. */
  write(ops: readonly VaultWrite[]): Promise<void>;
}
