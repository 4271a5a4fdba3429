import { bytesToHex } from '@noble/hashes/utils.js';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import { ServiceError } from '../service/errors.ts';
import type { Db } from './db.ts';
import type { Sealer } from './sealing.ts';

export type Curve = 'secp256k1' | 'ed25519';
export type PairKind = 'signing' | 'backup';
export type PairPurpose = 'keygen' | 'refresh' | 'backup' | 'recovery';
export type PairStatus =
  | 'STORED_ENCLAVE'
  | 'STORED_CLIENT'
  | 'STORED_CLIENT_BACKUP_SHARE'
  | 'EJECT_PENDING'
  | 'REVOKED'
  | 'LOCKED'
  | 'EJECTED';

export interface WalletRow {
  id: string;
  deviceKey: Uint8Array;
  recoveryKey: Uint8Array;
  ejectableUntil: string | null;
  ejectableFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PairRow {
  id: string;
  walletId: string;
  curve: Curve;
  kind: PairKind;
  purpose: PairPurpose;
  status: PairStatus;
  publicKey: Uint8Array;
  derivedFrom: string | null;
  pendingDeviceKey: Uint8Array | null;
  ejectReleasedAt: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  hasShare: boolean;
}

/** Unconfirmed pairs expire after 24 h (SPEC §7); an eject may be re-sent for 24 h (SPEC §4.7). */
export const UNCONFIRMED_TTL_MS = 24 * 3600 * 1000;
export const EJECT_RESEND_MS = 24 * 3600 * 1000;

export function newWalletId(): string {
  return `w-${bytesToHex(randomBytes(16))}`;
}
export function newPairId(): string {
  return `p-${bytesToHex(randomBytes(16))}`;
}

interface RawPair {
  id: string;
  wallet_id: string;
  curve: Curve;
  kind: PairKind;
  purpose: PairPurpose;
  status: PairStatus;
  public_key: Buffer;
  sealed_share: Buffer | null;
  derived_from: string | null;
  pending_device_key: Buffer | null;
  eject_released_at: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
}

function toPair(r: RawPair): PairRow {
  return {
    id: r.id,
    walletId: r.wallet_id,
    curve: r.curve,
    kind: r.kind,
    purpose: r.purpose,
    status: r.status,
    publicKey: new Uint8Array(r.public_key),
    derivedFrom: r.derived_from,
    pendingDeviceKey: r.pending_device_key ? new Uint8Array(r.pending_device_key) : null,
    ejectReleasedAt: r.eject_released_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
    hasShare: r.sealed_share !== null,
  };
}

export interface NewPairInput {
  id: string;
  walletId: string;
  curve: Curve;
  kind: PairKind;
  purpose: PairPurpose;
  publicKey: Uint8Array;
  /** The enclave share record (JSON-shaped), sealed before it is written. */
  share: unknown;
  derivedFrom?: string;
  pendingDeviceKey?: Uint8Array;
}

/**
 * Wallets and pairs with the statuses and two-phase rules of SPEC §2/§4. Each public method is one SQLite
 * transaction; shares are sealed with AAD (wallet, curve, pair) and erased (set NULL) when a pair ends.
 */
export class WalletStore {
  constructor(
    readonly db: Db,
    private readonly sealer: Sealer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  private event(
    walletId: string,
    pairId: string | null,
    event: string,
    from: string | null,
    to: string | null,
  ) {
    this.db
      .prepare(
        'INSERT INTO status_events (wallet_id, pair_id, event, from_status, to_status, at) VALUES (?,?,?,?,?,?)',
      )
      .run(walletId, pairId, event, from, to, this.iso());
  }

  getWallet(id: string): WalletRow | undefined {
    const r = this.db.prepare('SELECT * FROM wallets WHERE id = ?').get(id) as
      | {
          id: string;
          device_key: Buffer;
          recovery_key: Buffer;
          ejectable_until: string | null;
          ejectable_from: string | null;
          created_at: string;
          updated_at: string;
        }
      | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      deviceKey: new Uint8Array(r.device_key),
      recoveryKey: new Uint8Array(r.recovery_key),
      ejectableUntil: r.ejectable_until,
      ejectableFrom: r.ejectable_from,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  listWallets(): WalletRow[] {
    const ids = this.db.prepare('SELECT id FROM wallets ORDER BY created_at').all() as { id: string }[];
    return ids.map((r) => this.getWallet(r.id)!);
  }

  getPair(walletId: string, pairId: string): PairRow | undefined {
    const r = this.db.prepare('SELECT * FROM pairs WHERE id = ? AND wallet_id = ?').get(pairId, walletId) as
      | RawPair
      | undefined;
    return r ? toPair(r) : undefined;
  }

  listPairs(walletId: string): PairRow[] {
    return (
      this.db
        .prepare('SELECT * FROM pairs WHERE wallet_id = ? ORDER BY created_at, rowid')
        .all(walletId) as RawPair[]
    ).map(toPair);
  }

  /** Store a new pair STORED_ENCLAVE (and, at creation, its wallet) in one transaction. */
  storeNewPair(p: NewPairInput, wallet?: { deviceKey: Uint8Array; recoveryKey: Uint8Array }): PairRow {
    const now = this.iso();
    const sealed = this.sealer.sealJson(p.share, {
      kind: 'share',
      walletId: p.walletId,
      curve: p.curve,
      pairId: p.id,
    });
    this.db.transaction(() => {
      if (wallet && !this.getWallet(p.walletId)) {
        this.db
          .prepare(
            'INSERT INTO wallets (id, device_key, recovery_key, created_at, updated_at) VALUES (?,?,?,?,?)',
          )
          .run(p.walletId, wallet.deviceKey, wallet.recoveryKey, now, now);
        this.event(p.walletId, null, 'wallet_created', null, null);
      }
      this.db
        .prepare(
          `INSERT INTO pairs (id, wallet_id, curve, kind, purpose, status, public_key, sealed_share, derived_from,
             pending_device_key, created_at, updated_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(
          p.id,
          p.walletId,
          p.curve,
          p.kind,
          p.purpose,
          'STORED_ENCLAVE',
          p.publicKey,
          sealed,
          p.derivedFrom ?? null,
          p.pendingDeviceKey ?? null,
          now,
          now,
          this.iso(UNCONFIRMED_TTL_MS),
        );
      this.event(p.walletId, p.id, 'pair_stored', null, 'STORED_ENCLAVE');
    })();
    return this.getPair(p.walletId, p.id)!;
  }

  /** Open the sealed enclave share of a pair (throws when erased). */
  loadShare(pair: PairRow): unknown {
    const r = this.db.prepare('SELECT sealed_share FROM pairs WHERE id = ?').get(pair.id) as
      | { sealed_share: Buffer | null }
      | undefined;
    if (!r?.sealed_share)
      throw new ServiceError('PAIR_NOT_USABLE', 'The enclave half of this pair was erased.');
    return this.sealer.openJson(new Uint8Array(r.sealed_share), {
      kind: 'share',
      walletId: pair.walletId,
      curve: pair.curve,
      pairId: pair.id,
    });
  }

  private setStatus(pair: PairRow, to: PairStatus, opts: { erase?: boolean; event: string }): void {
    const now = this.iso();
    this.db
      .prepare(
        `UPDATE pairs SET status = ?, updated_at = ?, expires_at = NULL
           ${opts.erase ? ', sealed_share = NULL' : ''} WHERE id = ?`,
      )
      .run(to, now, pair.id);
    this.event(pair.walletId, pair.id, opts.event, pair.status, to);
  }

  /** A pair that is STORED_ENCLAVE past its expiry is treated as absent. */
  private isExpired(p: PairRow): boolean {
    return p.status === 'STORED_ENCLAVE' && p.expiresAt !== null && p.expiresAt <= this.iso();
  }

  /**
   * Confirm pairs (idempotent). Signing pairs → STORED_CLIENT, retiring what they replace in the same
   * transaction (refresh: the source pair; recovery: every other signing pair of the curve, and the device
   * key switches to the one registered by the recovery). Backup pairs → STORED_CLIENT_BACKUP_SHARE.
   */
  confirmPairs(walletId: string, pairIds: string[], mode: 'device' | 'recovery'): PairRow[] {
    return this.db.transaction(() => {
      const out: PairRow[] = [];
      for (const id of pairIds) {
        const p = this.getPair(walletId, id);
        if (!p) throw new ServiceError('UNKNOWN_PAIR', 'No such pair for this wallet.');
        const target: PairStatus = p.kind === 'backup' ? 'STORED_CLIENT_BACKUP_SHARE' : 'STORED_CLIENT';
        if ((mode === 'recovery') !== (p.purpose === 'recovery'))
          throw new ServiceError('AUTH_FAILED', 'Recovery pairs are confirmed with the recovery key only.');
        if (p.status === target) {
          out.push(p);
          continue;
        }
        if (p.status !== 'STORED_ENCLAVE' || this.isExpired(p))
          throw new ServiceError('PAIR_NOT_USABLE', `The pair cannot be confirmed (status ${p.status}).`);
        if (p.purpose === 'refresh') {
          const src = p.derivedFrom ? this.getPair(walletId, p.derivedFrom) : undefined;
          // Another refresh of the same pair was confirmed first: this one can never become active.
          if (src?.status !== 'STORED_CLIENT')
            throw new ServiceError('PAIR_NOT_USABLE', 'The pair this refresh replaces is no longer active.');
          this.setStatus(src, 'REVOKED', { erase: true, event: 'refresh_retired' });
        }
        if (p.purpose === 'recovery') {
          for (const other of this.listPairs(walletId)) {
            if (other.id === p.id || other.curve !== p.curve || other.kind !== 'signing') continue;
            if (['STORED_CLIENT', 'LOCKED', 'STORED_ENCLAVE'].includes(other.status))
              this.setStatus(other, 'REVOKED', { erase: true, event: 'recovery_revoked' });
          }
          if (p.pendingDeviceKey) {
            this.db
              .prepare('UPDATE wallets SET device_key = ?, updated_at = ? WHERE id = ?')
              .run(p.pendingDeviceKey, this.iso(), walletId);
            this.event(walletId, p.id, 'device_key_replaced', null, null);
          }
        }
        this.setStatus(p, target, { event: 'pair_confirmed' });
        out.push(this.getPair(walletId, id)!);
      }
      return out;
    })();
  }

  /** After a failed final ECDSA signature: the pair never signs again (SPEC §5.4). */
  lockPair(pair: PairRow): void {
    this.db.transaction(() => this.setStatus(pair, 'LOCKED', { event: 'pair_locked' }))();
  }

  revokePair(pair: PairRow, event = 'pair_revoked'): PairRow {
    this.db.transaction(() => this.setStatus(pair, 'REVOKED', { erase: true, event }))();
    return this.getPair(pair.walletId, pair.id)!;
  }

  /** Eject step 1: EJECT_PENDING, remembering when the half was first released (for the 24 h re-send). */
  markEjectPending(pair: PairRow): PairRow {
    this.db.transaction(() => {
      if (pair.status !== 'EJECT_PENDING') this.setStatus(pair, 'EJECT_PENDING', { event: 'eject_released' });
      if (!pair.ejectReleasedAt)
        this.db.prepare('UPDATE pairs SET eject_released_at = ? WHERE id = ?').run(this.iso(), pair.id);
    })();
    return this.getPair(pair.walletId, pair.id)!;
  }

  /** Eject step 2 (client confirmed it stored the key): EJECTED and the enclave half erased. */
  confirmEject(walletId: string, pairIds: string[]): PairRow[] {
    return this.db.transaction(() =>
      pairIds.map((id) => {
        const p = this.getPair(walletId, id);
        if (!p) throw new ServiceError('UNKNOWN_PAIR', 'No such pair for this wallet.');
        if (p.status === 'EJECTED') return p;
        if (p.status !== 'EJECT_PENDING')
          throw new ServiceError('PAIR_NOT_USABLE', `The pair is not being ejected (status ${p.status}).`);
        this.setStatus(p, 'EJECTED', { erase: true, event: 'eject_confirmed' });
        return this.getPair(walletId, id)!;
      }),
    )();
  }

  setEjectWindow(walletId: string, until: string | null, from: string | null): WalletRow {
    this.db.transaction(() => {
      const r = this.db
        .prepare('UPDATE wallets SET ejectable_until = ?, ejectable_from = ?, updated_at = ? WHERE id = ?')
        .run(until, from, this.iso(), walletId);
      if (r.changes !== 1) throw new ServiceError('AUTH_FAILED', 'Unknown wallet.');
      this.event(walletId, null, 'eject_window_set', null, null);
    })();
    return this.getWallet(walletId)!;
  }

  /** Unconfirmed pairs past their 24 h: discarded (REVOKED, share erased). */
  expireStale(): number {
    return this.db.transaction(() => {
      const rows = (
        this.db
          .prepare("SELECT * FROM pairs WHERE status = 'STORED_ENCLAVE' AND expires_at <= ?")
          .all(this.iso()) as RawPair[]
      ).map(toPair);
      for (const p of rows) this.setStatus(p, 'REVOKED', { erase: true, event: 'pair_expired' });
      return rows.length;
    })();
  }

  getSetup(): { sealed: Uint8Array; publicJson: string } | undefined {
    const r = this.db
      .prepare('SELECT sealed_pedersen, pedersen_public FROM enclave_setup WHERE id = 1')
      .get() as { sealed_pedersen: Buffer; pedersen_public: string } | undefined;
    return r ? { sealed: new Uint8Array(r.sealed_pedersen), publicJson: r.pedersen_public } : undefined;
  }

  storeSetup(secret: unknown, publicJson: string): void {
    const sealed = this.sealer.sealJson(secret, { kind: 'pedersen', walletId: '', curve: '', pairId: '' });
    this.db
      .prepare(
        'INSERT OR IGNORE INTO enclave_setup (id, sealed_pedersen, pedersen_public, created_at) VALUES (1,?,?,?)',
      )
      .run(sealed, publicJson, this.iso());
  }

  openSetup(sealed: Uint8Array): unknown {
    return this.sealer.openJson(sealed, { kind: 'pedersen', walletId: '', curve: '', pairId: '' });
  }
}
