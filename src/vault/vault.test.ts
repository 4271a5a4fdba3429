import { describe, expect, it, vi } from 'vitest';
import { isVaultError, type VaultError } from './errors.ts';
import type { VaultDb, VaultKeyRecord } from './schema.ts';
import { decodeSessionEntry } from './session-entry.ts';
import { caught, PASSWORD, testEnv } from './test-env.ts';
import { AUTO_LOCK_ALARM, DEFAULT_AUTO_LOCK_MINUTES } from './vault.ts';

const REF = { walletId: 'w1', curve: 'secp256k1' as const, pairId: 'p1', kind: 'client-share' };

async function snapshot(env: ReturnType<typeof testEnv>) {
  const v = env.open();
  const db = await (v as unknown as { db(): Promise<import('./schema.ts').VaultDb> }).db();
  const out: Record<string, unknown> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  await v.close();
  return out;
}

describe('vault lifecycle', () => {
  it('create leaves it unlocked; lock and unlock; records need the key', async () => {
    const env = testEnv();
    const v = env.open();
    expect(await v.exists()).toBe(false);
    await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_NOT_INITIALIZED' });
    await v.createVault(PASSWORD);
    expect(await v.exists()).toBe(true);
    expect(await v.isUnlocked()).toBe(true);
    await v.shares.put(REF, new Uint8Array([1, 2, 3]));
    await v.lock();
    expect(await v.isUnlocked()).toBe(false);
    expect(env.session.value).toBeUndefined();
    await expect(v.shares.get(REF)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(v.shares.put(REF, new Uint8Array([9]))).rejects.toMatchObject({ code: 'LOCKED' });
    // Listing metadata works while locked; the plaintext stays sealed.
    expect((await v.shares.list('w1')).map((s) => s.status)).toEqual(['active']);
    await v.unlock(PASSWORD);
    expect((await v.shares.get(REF))?.plaintext).toEqual(new Uint8Array([1, 2, 3]));
    await expect(v.createVault(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });

  it('refuses a weak password at creation and at password change', async () => {
    const v = testEnv().open();
    await expect(v.createVault('short')).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    expect(await v.exists()).toBe(false);
    await v.createVault(PASSWORD);
    await expect(v.changePassword(PASSWORD, '1234567')).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
  });

  it('the key is kept only in the session store, never in IndexedDB in clear', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const entry = decodeSessionEntry(env.session.value);
    expect(entry?.key.length).toBe(32);
    const dump = JSON.stringify(await snapshot(env), (_k, x) =>
      x instanceof Uint8Array ? Array.from(x).join(',') : x,
    );
    expect(dump).not.toContain(Array.from(entry!.key).join(','));
    expect(dump).not.toContain(PASSWORD);
  });

  it('a restarted worker (new instance, same IDB and session) stays unlocked; after lock() it is locked', async () => {
    const env = testEnv();
    const v1 = env.open();
    await v1.createVault(PASSWORD);
    await v1.shares.put(REF, new Uint8Array([7]));
    await v1.close();
    const v2 = env.open();
    expect(await v2.isUnlocked()).toBe(true);
    expect((await v2.shares.get(REF))?.plaintext).toEqual(new Uint8Array([7]));
    await v2.lock();
    await v2.close();
    const v3 = env.open();
    expect(await v3.isUnlocked()).toBe(false);
    await expect(v3.shares.get(REF)).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('a session entry of another vault is not accepted', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const other = testEnv();
    other.session.value = env.session.value; // same key material, different vault
    const ov = other.open();
    await ov.createVault(PASSWORD);
    other.session.value = env.session.value;
    expect(await ov.isUnlocked()).toBe(false);
    expect(other.session.value).toBeUndefined();
  });
});

describe('wrong password', () => {
  it('changes nothing, counts, and the delay grows 0, 0, 1 s, 2 s, 4 s ... up to 60 s', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.shares.put(REF, new Uint8Array([5]));
    await v.lock();
    const before = await snapshot(env);

    const e1 = await caught(() => v.unlock('wrong password 1'));
    expect(isVaultError(e1, 'WRONG_PASSWORD')).toBe(true);
    expect(await v.isUnlocked()).toBe(false);
    const after = await snapshot(env);
    // Only the failure counter was added.
    expect({
      ...after,
      meta: (after.meta as { id: string }[]).filter((r) => r.id !== 'unlockThrottle'),
    }).toEqual(before);
    expect(await v.unlockRetryAfterMs()).toBe(0);

    const e2 = (await caught(() => v.unlock('wrong password 2'))) as VaultError;
    expect(e2.code).toBe('WRONG_PASSWORD');
    expect(e2.retryAfterMs).toBe(1000);
    // Inside the delay even the right password is refused without being tried.
    const t = (await caught(() => v.unlock(PASSWORD))) as VaultError;
    expect(t.code).toBe('UNLOCK_THROTTLED');
    expect(t.retryAfterMs).toBe(1000);
    expect(t.message).toContain('1 s');

    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      env.clock.advance((await v.unlockRetryAfterMs()) + 1);
      const e = (await caught(() => v.unlock(`nope ${i}`))) as VaultError;
      expect(e.code).toBe('WRONG_PASSWORD');
      delays.push(e.retryAfterMs ?? 0);
    }
    expect(delays).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);

    // The count survives a restart.
    await v.close();
    const v2 = env.open();
    expect(await v2.unlockRetryAfterMs()).toBe(60000);
    await expect(v2.unlock(PASSWORD)).rejects.toMatchObject({ code: 'UNLOCK_THROTTLED' });
    env.clock.advance(60_000);
    await v2.unlock(PASSWORD);
    expect(await v2.unlockRetryAfterMs()).toBe(0);
    expect((await v2.shares.get(REF))?.plaintext).toEqual(new Uint8Array([5]));
  });

  it('a wrong password while unlocked does not lock or change the session', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const session = env.session.value;
    await expect(v.unlock('not the password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(env.session.value).toBe(session);
    expect(await v.isUnlocked()).toBe(true);
  });

  it('concurrent attempts cannot bypass the delay', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.lock();
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => v.unlock(`bad ${i}`)));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as VaultError).code : 'ok'));
    expect(codes).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'UNLOCK_THROTTLED',
      'UNLOCK_THROTTLED',
      'UNLOCK_THROTTLED',
    ]);
  });
});

describe('auto-lock', () => {
  it('arms an alarm (default 15 min), activity pushes it back, the alarm locks', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    expect(env.alarms.due.get(AUTO_LOCK_ALARM)).toBe(env.clock.now() + DEFAULT_AUTO_LOCK_MINUTES * 60_000);
    env.clock.advance(10 * 60_000);
    await v.touch();
    expect(env.alarms.due.get(AUTO_LOCK_ALARM)).toBe(env.clock.now() + 15 * 60_000);
    env.clock.advance(14 * 60_000);
    expect(env.alarms.takeDue()).toEqual([]);
    expect(await v.isUnlocked()).toBe(true);
    env.clock.advance(60_000);
    const due = env.alarms.takeDue();
    expect(due).toEqual([AUTO_LOCK_ALARM]);
    // The background forwards onAlarm; a fresh instance (worker woken by the alarm) handles it.
    expect(await env.open().handleAlarm(due[0]!)).toBe(true);
    expect(await v.isUnlocked()).toBe(false);
    expect(await v.handleAlarm('someone-else')).toBe(false);
  });

  it('a missed alarm still locks: the deadline is checked on every use', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.setAutoLockMinutes(5);
    expect(await v.getAutoLockMinutes()).toBe(5);
    env.clock.advance(5 * 60_000);
    await expect(v.shares.get(REF)).rejects.toMatchObject({ code: 'LOCKED' });
    expect(env.session.value).toBeUndefined();
    await expect(v.setAutoLockMinutes(0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('an early alarm re-arms instead of locking', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    env.clock.advance(60_000);
    expect(await v.handleAlarm(AUTO_LOCK_ALARM)).toBe(true);
    expect(await v.isUnlocked()).toBe(true);
    expect(env.alarms.due.get(AUTO_LOCK_ALARM)).toBe(env.clock.now() + 14 * 60_000);
  });
});

describe('password change', () => {
  it('re-wraps the key: new password works, old does not, records unchanged, still unlocked', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.shares.put(REF, new Uint8Array([4, 2]));
    await expect(v.changePassword('wrong old password', 'new password 123')).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    await v.changePassword(PASSWORD, 'new password 123');
    expect(await v.isUnlocked()).toBe(true);
    await v.lock();
    await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await v.unlock('new password 123');
    expect((await v.shares.get(REF))?.plaintext).toEqual(new Uint8Array([4, 2]));
  });

  it('is atomic: a storage failure mid-way leaves the old password working', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.lock();
    // Fail the second write of the re-wrap transaction (after the new wrapped key was put).
    const proto = globalThis.IDBObjectStore.prototype;
    const original = proto.delete;
    const spy = vi.spyOn(proto, 'delete').mockImplementation(function (this: IDBObjectStore, key) {
      if (key === 'unlockThrottle') throw new DOMException('disk full', 'QuotaExceededError');
      return original.call(this, key);
    });
    try {
      const e = (await caught(() => v.changePassword(PASSWORD, 'another password'))) as VaultError;
      expect(e.code).toBe('STORAGE_FAILED');
      expect(e.message).not.toContain('another password');
    } finally {
      spy.mockRestore();
    }
    await expect(v.unlock('another password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await v.unlock(PASSWORD);
    expect(await v.isUnlocked()).toBe(true);
  });

  it('raises weaker stored scrypt parameters at the next unlock', async () => {
    const env = testEnv();
    const weak = env.open({ kdf: { N: 2 ** 10, r: 8, p: 1 } });
    await weak.createVault(PASSWORD);
    await weak.lock();
    const stronger = env.open({ kdf: { N: 2 ** 11, r: 8, p: 1 } });
    await stronger.unlock(PASSWORD);
    expect(await stronger.kdfParams()).toEqual({ N: 2 ** 11, r: 8, p: 1 });
    await stronger.lock();
    await stronger.unlock(PASSWORD);
  });
});

describe('damaged key record', () => {
  async function withKeyRecord(f: (rec: VaultKeyRecord) => unknown) {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.lock();
    const db = await (v as unknown as { db(): Promise<VaultDb> }).db();
    const rec = (await db.get('meta', 'vaultKey')) as VaultKeyRecord;
    await db.put('meta', f(rec) as VaultKeyRecord);
    return v;
  }

  it('an altered wrapped key with the right password → VAULT_CORRUPT, not counted as a wrong password', async () => {
    const v = await withKeyRecord((rec) => {
      rec.wrappedKey[3]! ^= 1;
      return rec;
    });
    await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(await v.unlockRetryAfterMs()).toBe(0);
    expect(await v.isUnlocked()).toBe(false);
  });

  it('a malformed record or absurd KDF parameters → VAULT_CORRUPT before any KDF runs', async () => {
    for (const f of [
      (rec: VaultKeyRecord) => ({ ...rec, kdf: { ...rec.kdf, N: 2 ** 24 } }),
      (rec: VaultKeyRecord) => ({ ...rec, nonce: new Uint8Array(12) }),
      (rec: VaultKeyRecord) => ({ ...rec, format: 2 }),
    ]) {
      const v = await withKeyRecord(f);
      await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    }
  });

  it('lowered stored KDF parameters do not open with the right password', async () => {
    const v = await withKeyRecord((rec) => ({ ...rec, kdf: { ...rec.kdf, r: rec.kdf.r / 2 } }));
    await expect(v.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });
});

describe('passwordMatches', () => {
  it('answers only while unlocked and does not count failures', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    expect(await v.passwordMatches(PASSWORD)).toBe(true);
    for (let i = 0; i < 3; i++) expect(await v.passwordMatches(`backup ${i}`)).toBe(false);
    expect(await v.unlockRetryAfterMs()).toBe(0);
    await v.lock();
    await expect(v.passwordMatches(PASSWORD)).rejects.toMatchObject({ code: 'LOCKED' });
  });
});

describe('default parameters', () => {
  it('uses scrypt N = 2^17, r = 8, p = 1 by default (one real run)', async () => {
    const env = testEnv();
    const { Vault } = await import('./vault.ts');
    const v = new Vault({
      sessionStore: env.session,
      alarms: env.alarms,
      clock: env.clock,
      indexedDB: env.idb,
    });
    await v.createVault(PASSWORD);
    expect(await v.kdfParams()).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await v.isUnlocked()).toBe(true);
  });
});
