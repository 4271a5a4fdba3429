/**
 * Changing the wallet password through the page API (what the popup's Settings screen sends): the old
 * password stops unlocking, the new one does, the session stays open and still signs, and a refused change
 * (wrong old password, weak new one, locked wallet) leaves the stored wrap untouched.
 */
import { describe, expect, it } from 'vitest';
import { ChainRegistry, memoryChainSettingsStore } from '../../../src/chains/chain-registry.ts';
import { walletPageHandlers } from '../../../src/messaging/wallet-page-api.ts';
import { errorText } from '../../../src/vault/test-env.ts';
import { FakeEnclave } from './fake-enclave.ts';
import { type Device, device, expectSignsAs, PASSWORD } from './helpers.ts';

const NEW_PASSWORD = 'a brand new wallet passphrase';

async function setUp() {
  const d: Device = device(new FakeEnclave());
  const wallet = d.restart();
  const h = walletPageHandlers({ wallet, chains: new ChainRegistry(memoryChainSettingsStore()) });
  const addr = await h['wallet.generate']({ password: PASSWORD });
  return { d, wallet, h, addr };
}

/** The stored wrapped key, to prove a refused change wrote nothing. */
async function wrappedKey(d: Device): Promise<unknown> {
  const v = d.env.open();
  try {
    return await v.run((db) => db.get('meta', 'vaultKey'));
  } finally {
    await v.close();
  }
}

describe('wallet.changePassword', () => {
  it('old password stops unlocking, new one unlocks; the open session stays unlocked and signs', async () => {
    const { d, wallet, h, addr } = await setUp();
    const before = await wrappedKey(d);
    const st = await h['wallet.changePassword']({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(st.state).toBe('unlocked');
    expect(await wrappedKey(d)).not.toEqual(before);
    // Same vault key: the running session and a restarted worker keep working without a new unlock.
    await expectSignsAs(wallet, addr, { quick: true });
    const restarted = d.restart();
    expect((await restarted.status()).state).toBe('unlocked');

    await h['wallet.lock']({});
    await expect(h['wallet.unlock']({ password: PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    expect((await h['wallet.status']({})).state).toBe('locked');
    expect((await h['wallet.unlock']({ password: NEW_PASSWORD })).state).toBe('unlocked');
    await expectSignsAs(wallet, addr, { quick: true });
  });

  it('a wrong old password changes nothing, counts toward the delay and says how long to wait', async () => {
    const { d, h } = await setUp();
    const before = await wrappedKey(d);
    const first = await h['wallet.changePassword']({
      oldPassword: 'not the password',
      newPassword: NEW_PASSWORD,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(first).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(errorText(first)).not.toContain(NEW_PASSWORD);
    expect(errorText(first)).not.toContain('not the password');
    // The second failure starts the growing delay (1 s): the message says so, in seconds.
    await expect(
      h['wallet.changePassword']({ oldPassword: 'still not it', newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: expect.stringContaining('wait 1 s') });
    // Inside the delay even the right password is refused without being tried.
    await expect(
      h['wallet.changePassword']({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/wait \d+ s/) });
    expect(await wrappedKey(d)).toEqual(before);
    expect((await h['wallet.status']({})).state).toBe('unlocked');

    d.env.clock.advance(2_000);
    await h['wallet.lock']({});
    expect((await h['wallet.unlock']({ password: PASSWORD })).state).toBe('unlocked');
  });

  it('refuses a weak new password, a locked wallet and missing fields, writing nothing', async () => {
    const { d, h } = await setUp();
    const before = await wrappedKey(d);
    await expect(
      h['wallet.changePassword']({ oldPassword: PASSWORD, newPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    await expect(h['wallet.changePassword']({ oldPassword: PASSWORD } as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await h['wallet.lock']({});
    // Locked: refused before the old password is tried, so it is no password oracle for a locked wallet.
    await expect(
      h['wallet.changePassword']({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await wrappedKey(d)).toEqual(before);
    expect((await h['wallet.unlock']({ password: PASSWORD })).state).toBe('unlocked');
  });
});
