/** Plain records without secrets: wallets, settings, connected sites, backup metadata. */
import type { VaultContext } from './context.ts';
import { VaultError } from './errors.ts';
import type { BackupRecord, ConnectedSiteRecord, Curve, SettingRecord, WalletRecord } from './schema.ts';
import { completeOrAbort } from './tx.ts';
import { CURVES, checkId } from './validate.ts';

export class WalletStore {
  constructor(private readonly ctx: VaultContext) {}

  get(id: string): Promise<WalletRecord | undefined> {
    const wid = checkId(id, 'id');
    return this.ctx.run((db) => db.get('wallets', wid));
  }

  list(): Promise<WalletRecord[]> {
    return this.ctx.run((db) => db.getAll('wallets'));
  }

  /** Create or replace the wallet's public metadata (addresses, public keys, enclave pin, flags...). */
  put(id: string, data: Record<string, unknown>): Promise<void> {
    return this.ctx.write([{ type: 'putWallet', id, data }]);
  }

  /** Forget a wallet: its record, all its share records and its backup metadata, in one transaction. */
  async delete(id: string): Promise<void> {
    const wid = checkId(id, 'id');
    await this.ctx.run(async (db) => {
      const tx = db.transaction(['wallets', 'shares', 'backups'], 'readwrite');
      await completeOrAbort(tx, async () => {
        const shareKeys = await tx.objectStore('shares').index('byWallet').getAllKeys(wid);
        const backupKeys = await tx.objectStore('backups').index('byWallet').getAllKeys(wid);
        await Promise.all([
          tx.objectStore('wallets').delete(wid),
          ...shareKeys.map((k) => tx.objectStore('shares').delete(k)),
          ...backupKeys.map((k) => tx.objectStore('backups').delete(k)),
        ]);
      });
    });
  }
}

export class SettingsStore {
  constructor(private readonly ctx: VaultContext) {}

  async get<T>(key: string): Promise<T | undefined> {
    const k = checkId(key, 'key');
    const rec = await this.ctx.run((db) => db.get('settings', k));
    return rec?.value as T | undefined;
  }

  /** `value` must be structured-clonable and must not be a secret. */
  async set(key: string, value: unknown): Promise<void> {
    const rec: SettingRecord = { key: checkId(key, 'key'), value };
    await this.ctx.run((db) => db.put('settings', rec));
  }

  async delete(key: string): Promise<void> {
    const k = checkId(key, 'key');
    await this.ctx.run((db) => db.delete('settings', k));
  }
}

export function checkOrigin(origin: unknown): string {
  let ok = false;
  if (typeof origin === 'string' && origin.length <= 512) {
    try {
      const u = new URL(origin);
      ok = u.origin === origin && u.origin !== 'null';
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new VaultError('INVALID_ARGUMENT', 'origin');
  return origin as string;
}

export interface ConnectedSiteInput {
  origin: string;
  walletId: string;
  accounts: string[];
  chainId?: number;
}

export class ConnectedSiteStore {
  constructor(private readonly ctx: VaultContext) {}

  get(origin: string): Promise<ConnectedSiteRecord | undefined> {
    const o = checkOrigin(origin);
    return this.ctx.run((db) => db.get('connectedSites', o));
  }

  list(): Promise<ConnectedSiteRecord[]> {
    return this.ctx.run((db) => db.getAll('connectedSites'));
  }

  /** Connect or update a site; keeps the first connection time. */
  async put(site: ConnectedSiteInput): Promise<void> {
    const origin = checkOrigin(site?.origin);
    const walletId = checkId(site.walletId, 'walletId');
    if (!Array.isArray(site.accounts) || !site.accounts.every((a) => typeof a === 'string'))
      throw new VaultError('INVALID_ARGUMENT', 'accounts');
    if (site.chainId !== undefined && !Number.isSafeInteger(site.chainId))
      throw new VaultError('INVALID_ARGUMENT', 'chainId');
    const now = this.ctx.clock.now();
    await this.ctx.run(async (db) => {
      const tx = db.transaction('connectedSites', 'readwrite');
      await completeOrAbort(tx, async () => {
        const prev = await tx.store.get(origin);
        await tx.store.put({
          origin,
          walletId,
          accounts: [...site.accounts],
          chainId: site.chainId,
          connectedAt: prev?.connectedAt ?? now,
          lastUsedAt: now,
        });
      });
    });
  }

  async delete(origin: string): Promise<void> {
    const o = checkOrigin(origin);
    await this.ctx.run((db) => db.delete('connectedSites', o));
  }
}

export function checkBackupRecord(b: BackupRecord): BackupRecord {
  if (!b || typeof b !== 'object') throw new VaultError('INVALID_ARGUMENT', 'backup');
  const optTime = (t: unknown, f: string) => {
    if (t !== undefined && typeof t !== 'number') throw new VaultError('INVALID_ARGUMENT', f);
    return t as number | undefined;
  };
  const pairIds: Partial<Record<Curve, string>> = {};
  for (const [c, id] of Object.entries(b.pairIds ?? {})) {
    if (!CURVES.includes(c as Curve)) throw new VaultError('INVALID_ARGUMENT', 'pairIds');
    pairIds[c as Curve] = checkId(id, 'pairIds');
  }
  if (typeof b.createdAt !== 'number') throw new VaultError('INVALID_ARGUMENT', 'createdAt');
  return {
    id: checkId(b.id, 'id'),
    walletId: checkId(b.walletId, 'walletId'),
    pairIds,
    createdAt: b.createdAt,
    lastVerifiedAt: optTime(b.lastVerifiedAt, 'lastVerifiedAt'),
    revokedAt: optTime(b.revokedAt, 'revokedAt'),
  };
}

export class BackupStore {
  constructor(private readonly ctx: VaultContext) {}

  get(id: string): Promise<BackupRecord | undefined> {
    const bid = checkId(id, 'id');
    return this.ctx.run((db) => db.get('backups', bid));
  }

  /** A wallet's backups, oldest first (revoked ones included: filter on `revokedAt`). */
  async list(walletId: string): Promise<BackupRecord[]> {
    const wid = checkId(walletId, 'walletId');
    const recs = await this.ctx.run((db) => db.getAllFromIndex('backups', 'byWallet', wid));
    return recs.sort((a, b) => a.createdAt - b.createdAt);
  }

  add(b: { id: string; walletId: string; pairIds: Partial<Record<Curve, string>>; createdAt?: number }) {
    return this.ctx.write([
      {
        type: 'putBackup',
        backup: {
          id: b.id,
          walletId: b.walletId,
          pairIds: b.pairIds,
          createdAt: b.createdAt ?? this.ctx.clock.now(),
          lastVerifiedAt: undefined,
          revokedAt: undefined,
        },
      },
    ]);
  }

  markVerified(id: string, at = this.ctx.clock.now()): Promise<void> {
    return this.patch(id, (b) => ({ ...b, lastVerifiedAt: at }));
  }

  markRevoked(id: string, at = this.ctx.clock.now()): Promise<void> {
    return this.patch(id, (b) => ({ ...b, revokedAt: b.revokedAt ?? at }));
  }

  async delete(id: string): Promise<void> {
    const bid = checkId(id, 'id');
    await this.ctx.run((db) => db.delete('backups', bid));
  }

  private async patch(id: string, f: (b: BackupRecord) => BackupRecord): Promise<void> {
    const bid = checkId(id, 'id');
    await this.ctx.run(async (db) => {
      const tx = db.transaction('backups', 'readwrite');
      await completeOrAbort(tx, async () => {
        const rec = await tx.store.get(bid);
        if (!rec) throw new VaultError('NOT_FOUND', 'backup');
        await tx.store.put(f(rec));
      });
    });
  }
}
