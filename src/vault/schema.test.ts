import { describe, expect, it } from 'vitest';
import { wrapVaultKey } from './keyring.ts';
import { openVaultDb, SCHEMA_VERSION } from './schema.ts';
import { sealShare } from './shares.ts';
import { PASSWORD, TEST_KDF, testEnv } from './test-env.ts';
import { Vault } from './vault.ts';

describe('schema migrations', () => {
  it('a fresh database has every store at the latest version', async () => {
    const env = testEnv();
    const db = await openVaultDb({ indexedDB: env.idb, name: 'fresh' });
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['backups', 'connectedSites', 'journal', 'meta', 'settings', 'shares', 'wallets'].sort(),
    );
    db.close();
  });

  it('a version-1 profile upgrades in place and its vault still unlocks', async () => {
    const env = testEnv();
    const name = 'twofold-vault';
    // Build a profile as release 1 wrote it: key, a wallet, a sealed share, a setting.
    const v1 = await openVaultDb({ indexedDB: env.idb, name, version: 1 });
    expect([...v1.objectStoreNames].sort()).toEqual(['meta', 'settings', 'shares', 'wallets']);
    const vaultKey = new Uint8Array(32).fill(7);
    const now = env.clock.now();
    await v1.put('meta', await wrapVaultKey(vaultKey, PASSWORD, TEST_KDF, 'ab'.repeat(16), now));
    await v1.put('wallets', { id: 'w1', createdAt: now, updatedAt: now, data: { evm: '0xabc' } });
    const ref = { walletId: 'w1', curve: 'ed25519' as const, pairId: 'p1', kind: 'client-share' };
    await v1.put('shares', sealShare(vaultKey, ref, 'active', new Uint8Array([9, 9]), now));
    await v1.put('settings', { key: 'vault.autoLockMinutes', value: 30 });
    v1.close();

    const v = new Vault({
      sessionStore: env.session,
      alarms: env.alarms,
      clock: env.clock,
      indexedDB: env.idb,
      dbName: name,
      kdf: TEST_KDF,
    });
    await v.unlock(PASSWORD);
    expect((await v.shares.get(ref))?.plaintext).toEqual(new Uint8Array([9, 9]));
    expect((await v.wallets.get('w1'))?.data).toEqual({ evm: '0xabc' });
    expect(await v.getAutoLockMinutes()).toBe(30);
    // Stores added by version 2 work.
    const id = await v.journal.begin('refresh', {});
    expect((await v.journal.listPending()).map((e) => e.id)).toEqual([id]);
    await v.backups.add({ id: 'b1', walletId: 'w1', pairIds: { ed25519: 'p9' } });
    expect((await v.backups.list('w1')).length).toBe(1);
    await v.close();

    const db = await openVaultDb({ indexedDB: env.idb, name });
    expect(db.version).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses unknown versions', () => {
    expect(() => openVaultDb({ indexedDB: testEnv().idb, version: SCHEMA_VERSION + 1 })).toThrow(RangeError);
  });
});
