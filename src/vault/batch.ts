/**
 * Atomic writes: a list of operations applied in one IndexedDB transaction, all or nothing. The wallet uses
 * it where a crash between two writes would lose something, e.g. store a pending share and advance the
 * journal together, or activate the new share and delete the old one together.
 */
import type { IDBPTransaction } from 'idb';
import { wipe } from './encoding.ts';
import { storageError, VaultError } from './errors.ts';
import { checkOp, checkStep, newJournalId, sealJournalSecret } from './journal.ts';
import { checkBackupRecord } from './plain-stores.ts';
import type {
  BackupRecord,
  JournalRecord,
  ShareStatus,
  VaultDb,
  VaultSchema,
  WalletRecord,
} from './schema.ts';
import { checkShareRef, openShare, type ShareRef, sealShare, shareKey } from './shares.ts';
import { completeOrAbort } from './tx.ts';
import { checkId } from './validate.ts';

export type VaultWrite =
  | { type: 'putShare'; ref: ShareRef; status: ShareStatus; plaintext: Uint8Array }
  | { type: 'activateShare'; ref: ShareRef }
  | { type: 'deleteShare'; ref: ShareRef }
  | { type: 'putWallet'; id: string; data: Record<string, unknown> }
  | { type: 'deleteWallet'; id: string }
  | {
      type: 'journalBegin';
      id: string;
      op: string;
      data: unknown;
      walletId?: string;
      step?: string;
      secrets?: Record<string, Uint8Array>;
    }
  | {
      type: 'journalUpdate';
      id: string;
      step?: string;
      data?: unknown;
      secrets?: Record<string, Uint8Array | null>;
    }
  | { type: 'journalComplete'; id: string }
  | { type: 'putBackup'; backup: BackupRecord };

function needsKey(op: VaultWrite): boolean {
  if (op.type === 'putShare' || op.type === 'activateShare') return true;
  if (op.type === 'journalBegin' || op.type === 'journalUpdate')
    return Object.values(op.secrets ?? {}).some((v) => v !== null);
  return false;
}

const STORES = ['shares', 'wallets', 'journal', 'backups'] as const;
type WriteTx = IDBPTransaction<VaultSchema, (typeof STORES)[number][], 'readwrite'>;

export async function executeWrites(
  db: () => Promise<VaultDb>,
  requireKey: () => Promise<Uint8Array>,
  now: number,
  ops: readonly VaultWrite[],
): Promise<void> {
  if (!Array.isArray(ops)) throw new VaultError('INVALID_ARGUMENT', 'ops');
  if (ops.length === 0) return;
  const key = ops.some(needsKey) ? await requireKey() : undefined;
  const database = await db().catch((e) => {
    throw storageError(e);
  });
  try {
    const tx = database.transaction([...STORES], 'readwrite');
    // A throw after a successful put would otherwise let the transaction commit half the batch.
    await completeOrAbort(tx, async () => {
      for (const op of ops) await apply(tx, op, key, now);
    });
  } catch (e) {
    throw storageError(e);
  } finally {
    wipe(key);
  }
}

async function apply(tx: WriteTx, op: VaultWrite, key: Uint8Array | undefined, now: number): Promise<void> {
  switch (op.type) {
    case 'putShare': {
      const ref = checkShareRef(op.ref);
      const prev = await tx.objectStore('shares').get(shareKey(ref));
      await tx.objectStore('shares').put(sealShare(key!, ref, op.status, op.plaintext, now, prev?.createdAt));
      return;
    }
    case 'activateShare': {
      const ref = checkShareRef(op.ref);
      const rec = await tx.objectStore('shares').get(shareKey(ref));
      if (!rec) throw new VaultError('NOT_FOUND', 'share');
      const pt = openShare(key!, rec);
      try {
        if (rec.status !== 'active')
          await tx.objectStore('shares').put(sealShare(key!, ref, 'active', pt, now, rec.createdAt));
      } finally {
        wipe(pt);
      }
      return;
    }
    case 'deleteShare':
      await tx.objectStore('shares').delete(shareKey(checkShareRef(op.ref)));
      return;
    case 'putWallet': {
      const id = checkId(op.id, 'id');
      if (!op.data || typeof op.data !== 'object') throw new VaultError('INVALID_ARGUMENT', 'data');
      const prev = await tx.objectStore('wallets').get(id);
      const rec: WalletRecord = { id, createdAt: prev?.createdAt ?? now, updatedAt: now, data: op.data };
      await tx.objectStore('wallets').put(rec);
      return;
    }
    case 'deleteWallet':
      await tx.objectStore('wallets').delete(checkId(op.id, 'id'));
      return;
    case 'journalBegin': {
      const base = {
        id: newJournalId(op.id),
        op: checkOp(op.op),
        walletId: op.walletId === undefined ? undefined : checkId(op.walletId, 'walletId'),
      };
      const secrets: JournalRecord['secrets'] = {};
      for (const [name, value] of Object.entries(op.secrets ?? {}))
        secrets[name] = sealJournalSecret(key!, base, name, value);
      const rec: JournalRecord = {
        ...base,
        step: checkStep(op.step ?? 'begin'),
        data: op.data,
        secrets,
        createdAt: now,
        updatedAt: now,
      };
      await tx.objectStore('journal').add(rec);
      return;
    }
    case 'journalUpdate': {
      const rec = await tx.objectStore('journal').get(checkId(op.id, 'id'));
      if (!rec) throw new VaultError('NOT_FOUND', 'journal entry');
      const secrets = { ...rec.secrets };
      for (const [name, value] of Object.entries(op.secrets ?? {})) {
        if (value === null) delete secrets[name];
        else secrets[name] = sealJournalSecret(key!, rec, name, value);
      }
      await tx.objectStore('journal').put({
        ...rec,
        step: op.step === undefined ? rec.step : checkStep(op.step),
        data: 'data' in op ? op.data : rec.data,
        secrets,
        updatedAt: now,
      });
      return;
    }
    case 'journalComplete':
      await tx.objectStore('journal').delete(checkId(op.id, 'id'));
      return;
    case 'putBackup':
      await tx.objectStore('backups').put(checkBackupRecord(op.backup));
      return;
    default:
      throw new VaultError('INVALID_ARGUMENT', 'op type');
  }
}
