import { describe, expect, it } from 'vitest';
import { PASSWORD, testEnv } from './test-env.ts';

describe('plain stores', () => {
  it('settings get / set / delete, usable while locked', async () => {
    const v = testEnv().open();
    expect(await v.settings.get('enclaveUrl')).toBeUndefined();
    await v.settings.set('enclaveUrl', 'ws://127.0.0.1:8787');
    expect(await v.settings.get<string>('enclaveUrl')).toBe('ws://127.0.0.1:8787');
    await v.settings.delete('enclaveUrl');
    expect(await v.settings.get('enclaveUrl')).toBeUndefined();
  });

  it('connected sites keep their first connection time and validate origins', async () => {
    const env = testEnv();
    const v = env.open();
    await v.connectedSites.put({
      origin: 'https://app.example',
      walletId: 'w1',
      accounts: ['0x01'],
      chainId: 1,
    });
    const first = await v.connectedSites.get('https://app.example');
    env.clock.advance(5000);
    await v.connectedSites.put({ origin: 'https://app.example', walletId: 'w1', accounts: ['0x01', '0x02'] });
    const second = await v.connectedSites.get('https://app.example');
    expect(second).toMatchObject({ connectedAt: first!.connectedAt, lastUsedAt: env.clock.now() });
    expect(second?.accounts).toEqual(['0x01', '0x02']);
    expect((await v.connectedSites.list()).length).toBe(1);
    for (const origin of ['https://app.example/path', 'not a url', 'null'])
      await expect(v.connectedSites.put({ origin, walletId: 'w1', accounts: [] })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    await v.connectedSites.delete('https://app.example');
    expect(await v.connectedSites.list()).toEqual([]);
  });

  it('backup metadata: add, verify, revoke, list per wallet', async () => {
    const env = testEnv();
    const v = env.open();
    await v.backups.add({ id: 'b1', walletId: 'w1', pairIds: { secp256k1: 'k1', ed25519: 'e1' } });
    env.clock.advance(1000);
    await v.backups.add({ id: 'b2', walletId: 'w1', pairIds: { secp256k1: 'k2' } });
    await v.backups.add({ id: 'b3', walletId: 'w2', pairIds: {} });
    await v.backups.markVerified('b1', 123);
    await v.backups.markRevoked('b1', 456);
    await v.backups.markRevoked('b1', 789); // first revocation time is kept
    const list = await v.backups.list('w1');
    expect(list.map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(list[0]).toMatchObject({ lastVerifiedAt: 123, revokedAt: 456 });
    expect(list[1]).toMatchObject({ lastVerifiedAt: undefined, revokedAt: undefined });
    await expect(v.backups.markVerified('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      v.backups.add({ id: 'b4', walletId: 'w1', pairIds: { p256: 'x' } as never }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('deleting a wallet removes its shares and backups, not other wallets', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    for (const w of ['w1', 'w2']) {
      await v.wallets.put(w, { label: w });
      await v.shares.put(
        { walletId: w, curve: 'secp256k1', pairId: 'p', kind: 'client-share' },
        new Uint8Array([1]),
      );
      await v.backups.add({ id: `b-${w}`, walletId: w, pairIds: {} });
    }
    const created = (await v.wallets.get('w1'))!.createdAt;
    env.clock.advance(10);
    await v.wallets.put('w1', { label: 'renamed' });
    expect(await v.wallets.get('w1')).toMatchObject({ createdAt: created, updatedAt: env.clock.now() });
    await v.wallets.delete('w1');
    expect((await v.wallets.list()).map((w) => w.id)).toEqual(['w2']);
    expect(await v.shares.list('w1')).toEqual([]);
    expect(await v.backups.list('w1')).toEqual([]);
    expect((await v.shares.list('w2')).length).toBe(1);
    expect((await v.backups.list('w2')).length).toBe(1);
  });

  it('eraseAll empties the vault and locks it', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    await v.wallets.put('w1', {});
    await v.eraseAll();
    expect(await v.exists()).toBe(false);
    expect(await v.isUnlocked()).toBe(false);
    expect(await v.wallets.list()).toEqual([]);
    await v.createVault('a brand new password');
    expect(await v.isUnlocked()).toBe(true);
  });
});
