/**
 * The vault: lock state, password handling and the record APIs. Runs in the background service worker.
 *
 * Unlock state lives only in the injected SessionKeyStore (storage.session): every operation reads the key
 * from there, so a restarted worker stays unlocked and `lock()` takes effect everywhere at once. Password
 * operations run one at a time, so concurrent attempts cannot bypass the wrong-password delay.
 */
import { executeWrites, type VaultWrite } from './batch.ts';
import type { VaultContext } from './context.ts';
import { randomId, wipe } from './encoding.ts';
import { storageError, VaultError } from './errors.ts';
import { Journal } from './journal.ts';
import { isWeakerThan, type ScryptParams, VAULT_KDF_DEFAULT } from './kdf.ts';
import { isVaultKeyRecord, newVaultKey, unwrapVaultKey, wrapVaultKey } from './keyring.ts';
import { BackupStore, ConnectedSiteStore, SettingsStore, WalletStore } from './plain-stores.ts';
import { type AlarmScheduler, type Clock, type SessionKeyStore, systemClock } from './ports.ts';
import { openVaultDb, type VaultDb, type VaultKeyRecord } from './schema.ts';
import { decodeSessionEntry, encodeSessionEntry, type SessionEntry } from './session-entry.ts';
import { ShareStore } from './shares.ts';
import { completeOrAbort } from './tx.ts';
import { isThrottleRecord, retryAfterMs, unlockDelayMs } from './unlock-throttle.ts';
import { checkNewPassword, isValidMinutes } from './validate.ts';

export { MIN_PASSWORD_LENGTH } from './validate.ts';

export const AUTO_LOCK_ALARM = 'twofold.vault.autoLock';
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const AUTO_LOCK_SETTING = 'vault.autoLockMinutes';
/** Activity within this long of the last re-arm does not rewrite the session entry and alarm. */
const TOUCH_GRANULARITY_MS = 10_000;

export interface VaultOptions {
  sessionStore: SessionKeyStore;
  alarms: AlarmScheduler;
  clock?: Clock;
  /** Defaults to the global `indexedDB`. */
  indexedDB?: IDBFactory;
  dbName?: string;
  /** scrypt parameters for new wraps. Default N = 2^17, r = 8, p = 1; only tests pass lower ones. */
  kdf?: ScryptParams;
}

export class Vault implements VaultContext {
  readonly clock: Clock;
  readonly shares: ShareStore;
  readonly journal: Journal;
  readonly wallets: WalletStore;
  readonly settings: SettingsStore;
  readonly connectedSites: ConnectedSiteStore;
  readonly backups: BackupStore;

  private readonly session: SessionKeyStore;
  private readonly alarms: AlarmScheduler;
  private readonly kdf: ScryptParams;
  private dbPromise: Promise<VaultDb> | undefined;
  private vaultIdCache: string | undefined;
  private passwordQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: VaultOptions) {
    this.session = opts.sessionStore;
    this.alarms = opts.alarms;
    this.clock = opts.clock ?? systemClock;
    this.kdf = { ...(opts.kdf ?? VAULT_KDF_DEFAULT) };
    this.shares = new ShareStore(this);
    this.journal = new Journal(this);
    this.wallets = new WalletStore(this);
    this.settings = new SettingsStore(this);
    this.connectedSites = new ConnectedSiteStore(this);
    this.backups = new BackupStore(this);
  }

  // ---- lifecycle ----

  /** True once a vault (a wrapped key) exists on this device. */
  async exists(): Promise<boolean> {
    return (await this.run((db) => db.get('meta', 'vaultKey'))) !== undefined;
  }

  /** Create the vault under `password` and leave it unlocked. VAULT_EXISTS if there already is one. */
  createVault(password: string): Promise<void> {
    return this.serial(async () => {
      checkNewPassword(password);
      if (await this.exists()) throw new VaultError('VAULT_EXISTS');
      const vaultKey = newVaultKey();
      try {
        const now = this.clock.now();
        const rec = await wrapVaultKey(vaultKey, password, this.kdf, randomId(), now);
        await this.run(async (db) => {
          const tx = db.transaction('meta', 'readwrite');
          await completeOrAbort(tx, async () => {
            if (await tx.store.get('vaultKey')) throw new VaultError('VAULT_EXISTS');
            await tx.store.put(rec);
            await tx.store.delete('unlockThrottle');
          });
        });
        this.vaultIdCache = rec.vaultId;
        await this.startSession(rec.vaultId, vaultKey);
      } finally {
        wipe(vaultKey);
      }
    });
  }

  /**
   * Unlock with the password. WRONG_PASSWORD changes nothing but the persisted failure count;
   * UNLOCK_THROTTLED (with `retryAfterMs`) refuses an attempt made inside the growing delay.
   */
  unlock(password: string): Promise<void> {
    return this.serial(async () => {
      if (typeof password !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
      const rec = await this.loadKeyRecord();
      const vaultKey = await this.checkedUnwrap(rec, password);
      try {
        await this.startSession(rec.vaultId, vaultKey);
        // Raise stored parameters weaker than the current default. Best effort: the unlock already
        // succeeded, and a failed upgrade is simply tried again at the next unlock.
        if (isWeakerThan(rec.kdf, this.kdf))
          await this.rewrap(rec, vaultKey, password).catch(() => undefined);
      } finally {
        wipe(vaultKey);
      }
    });
  }

  /** Forget the unlocked key (storage.session) and cancel the auto-lock alarm. */
  async lock(): Promise<void> {
    try {
      await this.session.clear();
      await this.alarms.clear(AUTO_LOCK_ALARM);
    } catch (e) {
      throw storageError(e);
    }
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.currentSession()) !== undefined;
  }

  /** User activity: push the auto-lock deadline to `autoLockMinutes` from now. No effect while locked. */
  async touch(): Promise<void> {
    const entry = await this.currentSession();
    if (!entry) return;
    try {
      const minutes = await this.getAutoLockMinutes();
      const lockAt = this.clock.now() + minutes * 60_000;
      if (lockAt - entry.lockAt >= TOUCH_GRANULARITY_MS) await this.armSession({ ...entry, lockAt }, minutes);
    } finally {
      wipe(entry.key);
    }
  }

  /** Forward `browser.alarms.onAlarm` here. Returns true if the alarm was the vault's. */
  async handleAlarm(name: string): Promise<boolean> {
    if (name !== AUTO_LOCK_ALARM) return false;
    const entry = await this.currentSession();
    if (entry) {
      const remaining = entry.lockAt - this.clock.now();
      wipe(entry.key);
      // Fired before the deadline (clock skew): re-arm for the rest instead of locking early.
      if (remaining > 0) {
        await this.alarms.create(AUTO_LOCK_ALARM, remaining / 60_000).catch((e) => {
          throw storageError(e);
        });
        return true;
      }
    }
    await this.lock();
    return true;
  }

  async getAutoLockMinutes(): Promise<number> {
    const m = await this.settings.get<number>(AUTO_LOCK_SETTING);
    return typeof m === 'number' && isValidMinutes(m) ? m : DEFAULT_AUTO_LOCK_MINUTES;
  }

  /** 1 to 1440 minutes; applies to the current session at once. */
  async setAutoLockMinutes(minutes: number): Promise<void> {
    if (!isValidMinutes(minutes)) throw new VaultError('INVALID_ARGUMENT', 'minutes');
    await this.settings.set(AUTO_LOCK_SETTING, minutes);
    const entry = await this.currentSession();
    if (!entry) return;
    try {
      await this.armSession({ ...entry, lockAt: this.clock.now() + minutes * 60_000 }, minutes);
    } finally {
      wipe(entry.key);
    }
  }

  /** Milliseconds before the next password attempt is accepted (for the unlock screen). */
  async unlockRetryAfterMs(): Promise<number> {
    const t = await this.run((db) => db.get('meta', 'unlockThrottle'));
    return retryAfterMs(isThrottleRecord(t) ? t : undefined, this.clock.now());
  }

  /** The stored scrypt parameters (no salt), or undefined before creation. */
  async kdfParams(): Promise<ScryptParams | undefined> {
    const rec = await this.run((db) => db.get('meta', 'vaultKey'));
    return isVaultKeyRecord(rec) ? { N: rec.kdf.N, r: rec.kdf.r, p: rec.kdf.p } : undefined;
  }

  /**
   * Re-wrap the vault key under a new password (fresh salt, current parameters) in one transaction. The old
   * password is required and counts toward the wrong-password delay. Records are untouched (same vault key),
   * and the unlock state does not change.
   */
  changePassword(oldPassword: string, newPassword: string): Promise<void> {
    return this.serial(async () => {
      checkNewPassword(newPassword);
      const rec = await this.loadKeyRecord();
      const vaultKey = await this.checkedUnwrap(rec, oldPassword);
      try {
        await this.rewrap(rec, vaultKey, newPassword);
      } finally {
        wipe(vaultKey);
      }
    });
  }

  /**
   * Whether `candidate` is the vault password, e.g. to refuse a backup password equal to it (SPEC §4.4).
   * Only while unlocked (LOCKED otherwise) and not counted as a failure, so it is no guessing oracle for a
   * locked vault. For re-authentication before a sensitive action use `unlock(password)`, which counts.
   */
  async passwordMatches(candidate: string): Promise<boolean> {
    if (typeof candidate !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
    wipe(await this.requireKey());
    const rec = await this.loadKeyRecord();
    try {
      wipe(await unwrapVaultKey(rec, candidate));
      return true;
    } catch (e) {
      if (e instanceof VaultError && e.code === 'WRONG_PASSWORD') return false;
      throw e;
    }
  }

  /** Erase everything (all stores, the unlocked key): for a restore over a vault whose password is lost. */
  async eraseAll(): Promise<void> {
    await this.lock();
    await this.run(async (db) => {
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readwrite');
      await completeOrAbort(tx, () => Promise.all(names.map((n) => tx.objectStore(n).clear())));
    });
    this.vaultIdCache = undefined;
  }

  /** Close the database connection (tests; the worker simply stops). */
  async close(): Promise<void> {
    const p = this.dbPromise;
    this.dbPromise = undefined;
    if (p) (await p.catch(() => undefined))?.close();
  }

  // ---- VaultContext ----

  write(ops: readonly VaultWrite[]): Promise<void> {
    return executeWrites(
      () => this.db(),
      () => this.requireKey(),
      this.clock.now(),
      ops,
    );
  }

  async requireKey(): Promise<Uint8Array> {
    const entry = await this.currentSession();
    if (!entry) throw new VaultError('LOCKED');
    return entry.key;
  }

  async run<T>(fn: (db: VaultDb) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.db());
    } catch (e) {
      throw storageError(e);
    }
  }

  // ---- internals ----

  private db(): Promise<VaultDb> {
    if (!this.dbPromise) {
      const p = openVaultDb({
        ...(this.opts.indexedDB ? { indexedDB: this.opts.indexedDB } : {}),
        ...(this.opts.dbName ? { name: this.opts.dbName } : {}),
        onClose: () => {
          if (this.dbPromise === p) this.dbPromise = undefined;
        },
      });
      this.dbPromise = p;
      p.catch(() => {
        if (this.dbPromise === p) this.dbPromise = undefined;
      });
    }
    return this.dbPromise;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.passwordQueue.then(fn, fn);
    this.passwordQueue = next.catch(() => undefined);
    return next;
  }

  private async loadKeyRecord(): Promise<VaultKeyRecord> {
    const rec = await this.run((db) => db.get('meta', 'vaultKey'));
    if (rec === undefined) throw new VaultError('VAULT_NOT_INITIALIZED');
    if (!isVaultKeyRecord(rec)) throw new VaultError('VAULT_CORRUPT');
    this.vaultIdCache = rec.vaultId;
    return rec;
  }

  /** Unwrap with the throttle: refuse inside the delay, count a wrong password, reset on success. */
  private async checkedUnwrap(rec: VaultKeyRecord, password: string): Promise<Uint8Array> {
    if (typeof password !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
    const stored = await this.run((db) => db.get('meta', 'unlockThrottle'));
    const throttle = isThrottleRecord(stored) ? stored : undefined;
    const wait = retryAfterMs(throttle, this.clock.now());
    if (wait > 0)
      throw new VaultError('UNLOCK_THROTTLED', `try again in ${Math.ceil(wait / 1000)} s`, {
        retryAfterMs: wait,
      });
    try {
      const key = await unwrapVaultKey(rec, password);
      if (throttle) await this.run((db) => db.delete('meta', 'unlockThrottle'));
      return key;
    } catch (e) {
      if (!(e instanceof VaultError && e.code === 'WRONG_PASSWORD')) throw e;
      const failures = (throttle?.failures ?? 0) + 1;
      await this.run((db) =>
        db.put('meta', { id: 'unlockThrottle', failures, lastFailureAt: this.clock.now() }),
      );
      const delay = unlockDelayMs(failures);
      throw new VaultError('WRONG_PASSWORD', undefined, delay > 0 ? { retryAfterMs: delay } : {});
    }
  }

  /** Replace the wrapped key atomically; refuses if it changed since `rec` was read. */
  private async rewrap(rec: VaultKeyRecord, vaultKey: Uint8Array, password: string): Promise<void> {
    const next = await wrapVaultKey(
      vaultKey,
      password,
      this.kdf,
      rec.vaultId,
      this.clock.now(),
      rec.createdAt,
    );
    await this.run(async (db) => {
      const tx = db.transaction('meta', 'readwrite');
      await completeOrAbort(tx, async () => {
        const cur = await tx.store.get('vaultKey');
        if (!isVaultKeyRecord(cur) || cur.updatedAt !== rec.updatedAt || cur.vaultId !== rec.vaultId)
          throw new VaultError('STORAGE_FAILED', 'the vault changed meanwhile');
        await tx.store.put(next);
        await tx.store.delete('unlockThrottle');
      });
    });
  }

  private async startSession(vaultId: string, vaultKey: Uint8Array): Promise<void> {
    const minutes = await this.getAutoLockMinutes();
    await this.armSession({ vaultId, key: vaultKey, lockAt: this.clock.now() + minutes * 60_000 }, minutes);
  }

  private async armSession(entry: SessionEntry, minutes: number): Promise<void> {
    try {
      await this.session.set(encodeSessionEntry(entry));
      await this.alarms.create(AUTO_LOCK_ALARM, minutes);
    } catch (e) {
      throw storageError(e);
    }
  }

  /** The valid session entry, or undefined (and the stale entry cleared) when locked or expired. */
  private async currentSession(): Promise<SessionEntry | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.session.get();
    } catch (e) {
      throw storageError(e);
    }
    if (raw === undefined) return undefined;
    const entry = decodeSessionEntry(raw);
    const vaultId = this.vaultIdCache ?? (await this.loadKeyRecord().catch(() => undefined))?.vaultId;
    if (!entry || entry.vaultId !== vaultId || this.clock.now() >= entry.lockAt) {
      wipe(entry?.key);
      await this.lock();
      return undefined;
    }
    return entry;
  }
}
