/**
 * WalletService: the wallet in the background (SPEC §4), named after the seed SDK's operations. It is the
 * only holder of decrypted client shares; they are opened from the vault per operation and wiped after.
 * Operations run one at a time (a queue), so a refresh never races a signature on the same pair.
 * Interrupted operations (journal entries) are resolved at start and at unlock.
 */
import { EnclaveClientError } from '../enclave/enclave-errors.ts';
import type {
  BackupInfo,
  EjectedKeys,
  EvmSweepQuote,
  EvmSweepRequest,
  FeeEstimate,
  HealthReport,
  NativeTransfer,
  OperationProgress,
  WalletAddresses,
  WalletSettings,
  WalletStatus,
} from '../messaging/page-messages.ts';
import { isVaultError } from '../vault/errors.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { BACKUP_OP, createBackup, listBackups, resolveBackup, revokeBackup, verifyBackup } from './backup.ts';
import { EJECT_OP, ejectWallet, requestEject, resolveEject } from './eject.ts';
import { toWalletError, WalletError } from './errors.ts';
import { markExportedKeysShown, showExportedKeys } from './exported-keys.ts';
import { GENERATE_OP, generateWallet, resolveGenerate } from './generate.ts';
import { checkHealth } from './health.ts';
import { RECOVER_OP, recoverWallet, resolveRecover } from './recover.ts';
import { REFRESH_OP, refreshSigningSharePairs, resolveRefresh } from './refresh.ts';
import { estimateSend, sendAssets } from './send.ts';
import { type SignRequest, type SignResult, signWith } from './signing.ts';
import { quoteEvmSweep, sweepEvm } from './sweep.ts';
import {
  ENCLAVE_URL_SETTING,
  type LoadedWallet,
  WalletCore,
  type WalletServiceOptions,
} from './wallet-core.ts';

export type { WalletServiceOptions } from './wallet-core.ts';

/**
 * The page API carries only {code, message}, and an unlocked wallet's status has no retry time: say the
 * growing wrong-password delay in the message itself (a number of seconds, nothing secret).
 */
function withRetryHint(e: WalletError): WalletError {
  if (e.retryAfterMs === undefined || e.retryAfterMs <= 0) return e;
  const seconds = Math.ceil(e.retryAfterMs / 1000);
  return new WalletError(e.code, `wait ${seconds} s before the next attempt`, {
    retryAfterMs: e.retryAfterMs,
  });
}

const RESOLVERS: Record<string, (core: WalletCore, e: JournalEntry) => Promise<void>> = {
  [GENERATE_OP]: resolveGenerate,
  [REFRESH_OP]: resolveRefresh,
  [BACKUP_OP]: resolveBackup,
  [RECOVER_OP]: resolveRecover,
  [EJECT_OP]: resolveEject,
};

export class WalletService {
  private readonly core: WalletCore;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(opts: WalletServiceOptions) {
    this.core = new WalletCore(opts);
  }

  /**
   * Called when the worker starts: finish interrupted operations. While locked only the roll-backs that need
   * no vault key happen; the rest waits for the unlock.
   */
  async start(): Promise<void> {
    await this.resumePending().catch(() => undefined);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- state ----

  async status(): Promise<WalletStatus> {
    const vault = this.core.vault;
    const w = await this.core.wallet();
    const unlocked = w ? await vault.isUnlocked() : false;
    const backups = w ? await vault.backups.list(w.id) : [];
    const retry = w && !unlocked ? await vault.unlockRetryAfterMs() : 0;
    const exists = await vault.exists();
    return {
      state: !w ? 'no-wallet' : unlocked ? 'unlocked' : 'locked',
      ...(w && w.data.state === 'ready' ? { addresses: { walletId: w.id, ...w.data.addresses } } : {}),
      keyExported: w?.data.keyExportedAt !== undefined,
      exportedKeysShown: w?.data.keysShownAt !== undefined,
      restoredElsewhere: w?.data.restoredElsewhere === true,
      keyExportedElsewhere: w?.data.keyExportedElsewhereAt !== undefined,
      needsBackup: !!w && !backups.some((b) => b.lastVerifiedAt !== undefined && b.revokedAt === undefined),
      pendingOperations: exists ? (await vault.journal.listPending()).length : 0,
      autoLockMinutes: exists ? await vault.getAutoLockMinutes() : 15,
      ...(retry > 0 ? { unlockRetryAfterMs: retry } : {}),
    };
  }

  progress(): OperationProgress | null {
    return this.core.currentProgress();
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.core.wallet()) !== undefined && (await this.core.vault.isUnlocked());
  }

  async unlock(password: string): Promise<WalletStatus> {
    await this.serial(async () => {
      if (!(await this.core.vault.exists())) throw new WalletError('NO_WALLET');
      await this.core.vault.unlock(password);
    });
    // Resolution needs the enclave; a failure there must not undo the unlock (it is retried later).
    await this.resumePending().catch(() => undefined);
    this.changed();
    return this.status();
  }

  /** Forward `alarms.onAlarm` (auto-lock). */
  async handleAlarm(name: string): Promise<void> {
    if (await this.core.vault.handleAlarm(name)) {
      if (!(await this.core.vault.isUnlocked())) this.core.forgetShares();
      this.changed();
    }
  }

  /** User activity in a page: push the auto-lock deadline. */
  async touch(): Promise<void> {
    await this.core.vault.touch().catch(() => undefined);
  }

  /** Ask for the password again before showing something sensitive (eject keys). */
  async reauthenticate(password: string): Promise<void> {
    await this.serial(() => this.core.vault.unlock(password));
  }

  async lock(): Promise<WalletStatus> {
    await this.core.vault.lock();
    this.core.forgetShares();
    // Co-signing channels stay open only while the wallet is unlocked.
    const w = await this.core.wallet().catch(() => undefined);
    if (w) (await this.core.enclave(w.data.enclaveIdentityKey).catch(() => undefined))?.releaseChannels?.();
    this.changed();
    return this.status();
  }

  /**
   * Re-wrap the vault under a new password (the vault checks the old one and the length policy). Only while
   * unlocked: the change is a setting of an open wallet, not another way to test passwords of a locked one.
   * The session keeps the same vault key, so it stays unlocked with its auto-lock deadline.
   */
  async changePassword(oldPassword: string, newPassword: string): Promise<WalletStatus> {
    await this.serial(async () => {
      if (!(await this.core.vault.exists())) throw new WalletError('NO_WALLET');
      if (!(await this.core.vault.isUnlocked())) throw new WalletError('LOCKED');
      try {
        await this.core.vault.changePassword(oldPassword, newPassword);
      } catch (e) {
        throw withRetryHint(toWalletError(e));
      }
    });
    return this.status();
  }

  /** Resolve every interrupted operation (confirm or roll back). Entries that need the vault key wait while locked. */
  resumePending(): Promise<number> {
    return this.serial(async () => {
      if (!(await this.core.vault.exists())) return 0;
      const entries = await this.core.vault.journal.listPending();
      let resolved = 0;
      let firstError: unknown;
      for (const e of entries) {
        const resolver = RESOLVERS[e.op];
        if (!resolver) continue;
        try {
          await resolver(this.core, e);
          resolved++;
        } catch (err) {
          if (!isVaultError(err, 'LOCKED')) firstError ??= err;
        }
      }
      if (firstError !== undefined) throw firstError;
      return resolved;
    });
  }

  // ---- lifecycle operations ----

  generateWallet(password: string): Promise<WalletAddresses> {
    return this.serial(() => generateWallet(this.core, password), true);
  }

  async addresses(): Promise<WalletAddresses> {
    const w = await this.readyWallet();
    return { walletId: w.id, ...w.data.addresses };
  }

  backupWallet(backupPassword: string): Promise<{ backupId: string; fileText: string; fileName: string }> {
    return this.withWallet((w) => createBackup(this.core, w, backupPassword), true);
  }

  verifyBackup(fileText: string, backupPassword: string): Promise<BackupInfo> {
    return this.withWallet((w) => verifyBackup(this.core, w, fileText, backupPassword));
  }

  listBackups(): Promise<BackupInfo[]> {
    return this.withWallet((w) => listBackups(this.core, w), false, false);
  }

  async revokeBackup(backupId: string): Promise<BackupInfo[]> {
    await this.withWallet((w) => revokeBackup(this.core, w, backupId));
    return this.listBackups();
  }

  recoverWallet(fileText: string, backupPassword: string, newPassword: string): Promise<WalletAddresses> {
    return this.serial(() => recoverWallet(this.core, fileText, backupPassword, newPassword), true);
  }

  refreshSigningSharePairs(): Promise<number> {
    return this.withWallet((w) => refreshSigningSharePairs(this.core, w), true);
  }

  /**
   * The seed SDK's update call: 'STORED_CLIENT' confirms pending signing pairs (what an interrupted generate,
   * refresh or recovery left), 'REFRESH' runs a proactive refresh.
   */
  async updateSigningSharePairs(action: 'STORED_CLIENT' | 'REFRESH'): Promise<void> {
    if (action === 'REFRESH') await this.refreshSigningSharePairs();
    else await this.resumePending();
  }

  requestEject(): Promise<number> {
    return this.withWallet((w) => requestEject(this.core, w));
  }

  eject(): Promise<EjectedKeys> {
    return this.withWallet((w) => ejectWallet(this.core, w), true);
  }

  /**
   * Ejected wallets whose keys were never displayed: the stored full keys, after the password (wrong ones
   * count and delay); KEY_ALREADY_SHOWN once a page confirmed displaying them.
   */
  showExportedKeys(password: string): Promise<EjectedKeys> {
    return this.withWallet(async (w) => {
      try {
        return await showExportedKeys(this.core, w, password);
      } catch (e) {
        throw withRetryHint(toWalletError(e));
      }
    });
  }

  /** A page displayed the exported keys (SPEC §4.7 "shown once"): recorded once; status changes. */
  async markExportedKeysShown(): Promise<{ shownAt: number }> {
    const shownAt = await this.withWallet((w) => markExportedKeysShown(this.core, w), true);
    return { shownAt };
  }

  checkHealth(): Promise<HealthReport> {
    return this.withWallet((w) => checkHealth(this.core, w));
  }

  // ---- signing ----

  async sign<R extends SignRequest>(req: R): Promise<SignResult<R>> {
    await this.resumeIfPending();
    return this.withWallet((w) => signWith(this.core, w, req));
  }

  estimateSend(t: NativeTransfer): Promise<FeeEstimate> {
    return this.withWallet((w) => estimateSend(this.core, w, t), false, false);
  }

  async sendAssets(t: NativeTransfer): Promise<{ txHash: string; fee: FeeEstimate }> {
    await this.resumeIfPending();
    return this.withWallet((w) => sendAssets(this.core, w, t));
  }

  /** Read-only: what a sweep of the whole native balance to `r.to` would move now. */
  quoteEvmSweep(r: EvmSweepRequest): Promise<EvmSweepQuote> {
    return this.withWallet((w) => quoteEvmSweep(this.core, w, r), false, false);
  }

  async sweepEvm(r: EvmSweepRequest): Promise<EvmSweepQuote & { txHash: string }> {
    await this.resumeIfPending();
    return this.withWallet((w) => sweepEvm(this.core, w, r));
  }

  // ---- settings ----

  async getSettings(): Promise<Omit<WalletSettings, 'rpcUrls'>> {
    const exists = await this.core.vault.exists();
    return {
      enclaveUrl: await this.core.enclaveUrl(),
      autoLockMinutes: exists ? await this.core.vault.getAutoLockMinutes() : 15,
    };
  }

  async setEnclaveUrl(url: string): Promise<void> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new WalletError('INVALID_ARGUMENT', 'enclave URL');
    }
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    if (u.protocol !== 'wss:' && !(u.protocol === 'ws:' && loopback))
      throw new WalletError('INVALID_ARGUMENT', 'enclave URL must be wss:// (ws:// only on loopback)');
    await this.core.vault.settings.set(ENCLAVE_URL_SETTING, u.toString().replace(/\/$/, ''));
  }

  async setAutoLockMinutes(minutes: number): Promise<void> {
    try {
      await this.core.vault.setAutoLockMinutes(minutes);
    } catch (e) {
      throw toWalletError(e);
    }
  }

  // ---- internals ----

  private async resumeIfPending(): Promise<void> {
    const pending = await this.core.vault.journal.listPending().catch(() => []);
    if (pending.length > 0 && (await this.core.vault.isUnlocked()))
      await this.resumePending().catch(() => undefined);
  }

  private async readyWallet(): Promise<LoadedWallet> {
    const w = await this.core.wallet();
    if (w?.data.state !== 'ready') throw new WalletError('NO_WALLET');
    return w;
  }

  private withWallet<T>(fn: (w: LoadedWallet) => Promise<T>, notify = false, needsUnlock = true): Promise<T> {
    return this.serial(async () => {
      const w = await this.readyWallet();
      if (needsUnlock && !(await this.core.vault.isUnlocked())) throw new WalletError('LOCKED');
      try {
        const out = await fn(w);
        // The enclave accepted this device again (e.g. a transient refusal): clear the warning.
        if (w.data.restoredElsewhere) {
          const fresh = await this.core.wallet();
          if (fresh)
            await this.core.saveWallet({ ...fresh, data: { ...fresh.data, restoredElsewhere: false } });
        }
        return out;
      } catch (e) {
        if (e instanceof EnclaveClientError && e.code === 'ENCLAVE_AUTH_FAILED')
          await this.markRestoredElsewhere(w);
        throw e;
      }
    }, notify);
  }

  private async markRestoredElsewhere(w: LoadedWallet): Promise<void> {
    await this.core.saveWallet({ ...w, data: { ...w.data, restoredElsewhere: true } }).catch(() => undefined);
  }

  /** One operation at a time; every error leaves as a WalletError with a fixed message. */
  private serial<T>(fn: () => Promise<T>, notify = false): Promise<T> {
    const keepAwake = this.core.opts.keepAwake ?? ((work) => work());
    const run = async () => {
      try {
        return await keepAwake(fn);
      } catch (e) {
        throw toWalletError(e);
      } finally {
        this.core.clearProgress();
        if (notify) this.changed();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // a listener's failure is not the wallet's
      }
    }
  }
}
