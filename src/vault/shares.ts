/**
 * Sealed share records: opaque plaintext from the wallet, sealed under the vault key with associated data
 * binding (walletId, curve, pairId, kind, status). A record copied or moved to another wallet, curve, pair,
 * kind or status fails to open with RECORD_TAMPERED instead of being used.
 */
import { open, seal } from './aead.ts';
import type { VaultContext } from './context.ts';
import { encodeAssociatedData, wipe } from './encoding.ts';
import { VaultError } from './errors.ts';
import type { Curve, SealedShareRecord, ShareStatus, VaultSchema } from './schema.ts';
import { checkBytes, checkCurve, checkId, checkKind, checkStatus } from './validate.ts';

const SHARE_DOMAIN = 'twofold/vault/share/v1';

/** Identifies one share record. `kind` is the wallet's label, e.g. 'client-share', 'ejected-key', 'device-key'. */
export interface ShareRef {
  walletId: string;
  curve: Curve;
  pairId: string;
  kind: string;
}

export interface ShareInfo extends ShareRef {
  status: ShareStatus;
  createdAt: number;
  updatedAt: number;
}

export interface OpenedShare extends ShareInfo {
  /** The caller's plaintext; wipe it (`.fill(0)`) when done. */
  plaintext: Uint8Array;
}

export function checkShareRef(ref: ShareRef): ShareRef {
  if (!ref || typeof ref !== 'object') throw new VaultError('INVALID_ARGUMENT', 'ref');
  return {
    walletId: checkId(ref.walletId, 'walletId'),
    curve: checkCurve(ref.curve),
    pairId: checkId(ref.pairId, 'pairId'),
    kind: checkKind(ref.kind),
  };
}

export function shareKey(ref: ShareRef): VaultSchema['shares']['key'] {
  return [ref.walletId, ref.curve, ref.pairId, ref.kind];
}

function shareAssociatedData(ref: ShareRef, status: ShareStatus): Uint8Array {
  return encodeAssociatedData(SHARE_DOMAIN, [ref.walletId, ref.curve, ref.pairId, ref.kind, status]);
}

export function sealShare(
  key: Uint8Array,
  ref: ShareRef,
  status: ShareStatus,
  plaintext: Uint8Array,
  now: number,
  createdAt = now,
): SealedShareRecord {
  const { nonce, ciphertext } = seal(
    key,
    checkBytes(plaintext, 'plaintext'),
    shareAssociatedData(ref, status),
  );
  return { ...ref, status: checkStatus(status), nonce, ciphertext, createdAt, updatedAt: now };
}

/** Open with the binding the record claims; any mismatch (moved or altered) is RECORD_TAMPERED. */
export function openShare(key: Uint8Array, rec: SealedShareRecord): Uint8Array {
  const ref = { walletId: rec.walletId, curve: rec.curve, pairId: rec.pairId, kind: rec.kind };
  const pt =
    rec.status === 'pending' || rec.status === 'active'
      ? open(key, rec, shareAssociatedData(ref, rec.status))
      : undefined;
  if (!pt) throw new VaultError('RECORD_TAMPERED');
  return pt;
}

export function shareInfo(rec: SealedShareRecord): ShareInfo {
  const { walletId, curve, pairId, kind, status, createdAt, updatedAt } = rec;
  return { walletId, curve, pairId, kind, status, createdAt, updatedAt };
}

/** Share records of the wallet service. Writes that must go together use `vault.write([...])`. */
export class ShareStore {
  constructor(private readonly ctx: VaultContext) {}

  /** Seal and store (overwrites the record of the same ref). Needs the vault unlocked. */
  put(ref: ShareRef, plaintext: Uint8Array, status: ShareStatus = 'active'): Promise<void> {
    return this.ctx.write([{ type: 'putShare', ref, plaintext, status }]);
  }

  /** Open one record, or undefined if absent. With `expectStatus`, a record of another status is NOT_FOUND. */
  async get(ref: ShareRef, opts: { expectStatus?: ShareStatus } = {}): Promise<OpenedShare | undefined> {
    const r = checkShareRef(ref);
    const key = await this.ctx.requireKey();
    try {
      const rec = await this.ctx.run((db) => db.get('shares', shareKey(r)));
      if (!rec) return undefined;
      if (opts.expectStatus && rec.status !== opts.expectStatus) throw new VaultError('NOT_FOUND', 'status');
      return { ...shareInfo(rec), plaintext: openShare(key, rec) };
    } finally {
      wipe(key);
    }
  }

  /** Metadata of a wallet's records without opening them (works while locked). */
  async list(walletId: string): Promise<ShareInfo[]> {
    const id = checkId(walletId, 'walletId');
    const recs = await this.ctx.run((db) => db.getAllFromIndex('shares', 'byWallet', id));
    return recs.map(shareInfo);
  }

  /** Re-seal a pending record as active (idempotent on an active one). Optionally delete retired records in the same transaction. */
  activate(ref: ShareRef, opts: { retire?: ShareRef[] } = {}): Promise<void> {
    return this.ctx.write([
      { type: 'activateShare', ref },
      ...(opts.retire ?? []).map((r) => ({ type: 'deleteShare' as const, ref: r })),
    ]);
  }

  delete(ref: ShareRef): Promise<void> {
    return this.ctx.write([{ type: 'deleteShare', ref }]);
  }
}
