import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import { openDatabase } from './db.ts';
import { loadOrCreateMasterKey, Sealer } from './sealing.ts';
import { type Curve, newPairId, newWalletId, WalletStore } from './wallet-store.ts';

const dirs: string[] = [];
function store(now?: () => Date) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-store-'));
  dirs.push(dir);
  const key = loadOrCreateMasterKey(path.join(dir, 'master.key'), undefined);
  const db = openDatabase(dir);
  return { dir, db, s: new WalletStore(db, new Sealer(key), now) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newPair(
  s: WalletStore,
  walletId: string,
  opts: {
    curve?: Curve;
    kind?: 'signing' | 'backup';
    purpose?: 'keygen' | 'refresh' | 'backup' | 'recovery';
    from?: string;
  } = {},
) {
  const id = newPairId();
  return s.storeNewPair(
    {
      id,
      walletId,
      curve: opts.curve ?? 'ed25519',
      kind: opts.kind ?? 'signing',
      purpose: opts.purpose ?? 'keygen',
      publicKey: new Uint8Array(32),
      share: { secret: 'share-marker' },
      ...(opts.from ? { derivedFrom: opts.from } : {}),
    },
    { deviceKey: randomBytes(32), recoveryKey: randomBytes(32) },
  );
}

describe('enclave store', () => {
  it('creates the master key with mode 0600, WAL mode and the migrations table', () => {
    const { dir, db } = store();
    expect(statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT COUNT(*) AS n FROM migrations').get()).toEqual({ n: 2 });
    db.close();
    // Reopening applies nothing twice.
    expect(openDatabase(dir).prepare('SELECT COUNT(*) AS n FROM migrations').get()).toEqual({ n: 2 });
  });

  it('seals shares: nothing readable at rest, and a blob moved to another pair does not open', () => {
    const { db, s } = store();
    const w = newWalletId();
    const p1 = newPair(s, w);
    const p2 = newPair(s, w);
    const raw = db.prepare('SELECT sealed_share FROM pairs WHERE id = ?').get(p1.id) as {
      sealed_share: Buffer;
    };
    expect(raw.sealed_share.toString('latin1')).not.toContain('share-marker');
    expect(s.loadShare(p1)).toEqual({ secret: 'share-marker' });
    db.prepare('UPDATE pairs SET sealed_share = ? WHERE id = ?').run(raw.sealed_share, p2.id);
    expect(() => s.loadShare(p2)).toThrow();
  });

  it('two-phase refresh: confirming the new pair revokes and erases the old one, idempotently', () => {
    const { s } = store();
    const w = newWalletId();
    const old = newPair(s, w);
    s.confirmPairs(w, [old.id], 'device');
    const fresh = newPair(s, w, { purpose: 'refresh', from: old.id });
    expect(s.getPair(w, old.id)?.status).toBe('STORED_CLIENT');
    s.confirmPairs(w, [fresh.id], 'device');
    expect(s.confirmPairs(w, [fresh.id], 'device')[0]?.status).toBe('STORED_CLIENT');
    const o = s.getPair(w, old.id)!;
    expect(o.status).toBe('REVOKED');
    expect(o.hasShare).toBe(false);
    // A second refresh of the retired pair can never be confirmed.
    const stale = newPair(s, w, { purpose: 'refresh', from: old.id });
    expect(() => s.confirmPairs(w, [stale.id], 'device')).toThrow(/no longer active/);
  });

  it('backup pairs become STORED_CLIENT_BACKUP_SHARE; recovery pairs need the recovery key and switch the device', () => {
    const { s } = store();
    const w = newWalletId();
    const sign = newPair(s, w);
    s.confirmPairs(w, [sign.id], 'device');
    const b = newPair(s, w, { kind: 'backup', purpose: 'backup', from: sign.id });
    expect(s.confirmPairs(w, [b.id], 'device')[0]?.status).toBe('STORED_CLIENT_BACKUP_SHARE');
    const newDevice = randomBytes(32);
    const r = s.storeNewPair({
      id: newPairId(),
      walletId: w,
      curve: 'ed25519',
      kind: 'signing',
      purpose: 'recovery',
      publicKey: new Uint8Array(32),
      share: {},
      derivedFrom: b.id,
      pendingDeviceKey: newDevice,
    });
    expect(() => s.confirmPairs(w, [r.id], 'device')).toThrow();
    s.confirmPairs(w, [r.id], 'recovery');
    expect(s.getWallet(w)?.deviceKey).toEqual(newDevice);
    expect(s.getPair(w, sign.id)?.status).toBe('REVOKED');
    expect(s.getPair(w, b.id)?.status).toBe('STORED_CLIENT_BACKUP_SHARE');
  });

  it('a failed confirmation changes nothing (one transaction for the whole request)', () => {
    const { s } = store();
    const w = newWalletId();
    const p = newPair(s, w);
    expect(() => s.confirmPairs(w, [p.id, 'p-missing'], 'device')).toThrow();
    expect(s.getPair(w, p.id)?.status).toBe('STORED_ENCLAVE');
  });

  it('unconfirmed pairs expire after 24 h and cannot be confirmed then', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { s } = store(() => new Date(t));
    const w = newWalletId();
    const p = newPair(s, w);
    t += 24 * 3600 * 1000 + 1;
    expect(() => s.confirmPairs(w, [p.id], 'device')).toThrow();
    expect(s.expireStale()).toBe(1);
    expect(s.getPair(w, p.id)).toMatchObject({ status: 'REVOKED', hasShare: false });
  });

  it('eject is two-phase: EJECT_PENDING keeps the half, EJECTED erases it', () => {
    const { s } = store();
    const w = newWalletId();
    const p = newPair(s, w);
    s.confirmPairs(w, [p.id], 'device');
    const pending = s.markEjectPending(s.getPair(w, p.id)!);
    expect(pending.status).toBe('EJECT_PENDING');
    expect(pending.ejectReleasedAt).not.toBeNull();
    expect(s.confirmEject(w, [p.id])[0]).toMatchObject({ status: 'EJECTED', hasShare: false });
    expect(s.confirmEject(w, [p.id])[0]?.status).toBe('EJECTED');
  });
});
