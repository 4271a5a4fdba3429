import { describe, expect, it } from 'vitest';
import { ChainRegistry, memoryChainSettingsStore } from '../../../src/chains/chain-registry.ts';
import { isExtensionPageSender } from '../../../src/messaging/page-api-server.ts';
import { walletPageHandlers } from '../../../src/messaging/wallet-page-api.ts';
import { FakeEnclave } from './fake-enclave.ts';
import { BACKUP_PASSWORD, device, PASSWORD } from './helpers.ts';

const BASE = 'chrome-extension://abcdefghijklmnop/';

describe('page API', () => {
  it('accepts only the extension’s own pages', () => {
    expect(isExtensionPageSender({ id: 'x', url: `${BASE}popup.html` }, BASE)).toBe(true);
    expect(
      isExtensionPageSender(
        { id: 'x', url: `${BASE}popup.html`, origin: 'chrome-extension://abcdefghijklmnop' },
        BASE,
      ),
    ).toBe(true);
    // A content script: our id, but the web page's URL and origin.
    expect(
      isExtensionPageSender({ id: 'x', url: 'https://evil.example/', origin: 'https://evil.example' }, BASE),
    ).toBe(false);
    expect(
      isExtensionPageSender({ id: 'x', url: `${BASE}popup.html`, origin: 'https://evil.example' }, BASE),
    ).toBe(false);
    expect(isExtensionPageSender({ url: `${BASE}popup.html` }, BASE)).toBe(false);
    expect(isExtensionPageSender({ id: 'x', url: 'chrome-extension://other/popup.html' }, BASE)).toBe(false);
  });

  it('drives the wallet: generate, backup + verify, eject needs the password again', async () => {
    const enclave = new FakeEnclave();
    const wallet = device(enclave).restart();
    const h = walletPageHandlers({ wallet, chains: new ChainRegistry(memoryChainSettingsStore()) });
    expect((await h['wallet.status']({})).state).toBe('no-wallet');
    await expect(h['wallet.generate']({} as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const addr = await h['wallet.generate']({ password: PASSWORD });
    expect(await h['wallet.addresses']({})).toEqual(addr);
    const b = await h['backup.create']({ backupPassword: BACKUP_PASSWORD });
    expect((await h['backup.verify']({ fileText: b.fileText, backupPassword: BACKUP_PASSWORD })).status).toBe(
      'verified',
    );
    expect((await h['backup.list']({})).backups).toHaveLength(1);
    await h['eject.start']({});
    await expect(h['eject.confirm']({ password: 'not the password' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    const keys = await h['eject.confirm']({ password: PASSWORD });
    expect(keys.addresses).toEqual(addr);
    expect((await h['wallet.status']({})).keyExported).toBe(true);
    const s = await h['settings.set']({ autoLockMinutes: 5, enclaveUrl: 'wss://enclave.example' });
    expect(s).toMatchObject({ autoLockMinutes: 5, enclaveUrl: 'wss://enclave.example' });
    await expect(h['settings.set']({ enclaveUrl: 'ws://enclave.example' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect((await h['wallet.lock']({})).state).toBe('locked');
  });
});
