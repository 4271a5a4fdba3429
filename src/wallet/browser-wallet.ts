/**
 * The wallet service wired to the browser: the vault over IndexedDB with storage.session and alarms, the
 * enclave client over the service worker's WebSocket, progress broadcast to the pages, auto-lock alarms, and
 * interrupted operations resolved when the worker starts.
 */
import { browser } from 'wxt/browser';
import { buildConfig } from '../build-config.ts';
import type { ChainRegistry } from '../chains/chain-registry.ts';
import { broadcastProgress, broadcastStatus } from '../messaging/page-events.ts';
import { alarmSchedulerFrom, sessionKeyStoreFrom } from '../vault/browser-ports.ts';
import { Vault } from '../vault/vault.ts';
import { enclaveConnector, settingsPins } from './enclave-connector.ts';
import type { UnlockPrompt } from './provider-adapter.ts';
import { WalletService } from './wallet-service.ts';

export function createBrowserWallet(chains: ChainRegistry): WalletService {
  const vault = new Vault({
    sessionStore: sessionKeyStoreFrom(browser.storage.session),
    alarms: alarmSchedulerFrom(browser.alarms),
  });
  const wallet = new WalletService({
    vault,
    connect: enclaveConnector({ pins: settingsPins(vault.settings) }),
    enclaveUrl: buildConfig.enclaveUrl,
    enclaveIdentityKey: buildConfig.enclaveIdentityKey,
    chains,
    hooks: { onProgress: broadcastProgress },
  });
  wallet.onChange(() => void wallet.status().then(broadcastStatus, () => undefined));
  browser.alarms.onAlarm.addListener((alarm) => void wallet.handleAlarm(alarm.name));
  void wallet.start();
  return wallet;
}

/** The unlock page in a window of its own, for dApp requests that arrive while locked. */
export function browserUnlockPrompt(): UnlockPrompt {
  return {
    async open() {
      const w = await browser.windows.create({
        url: browser.runtime.getURL('/popup.html'),
        type: 'popup',
        width: 380,
        height: 640,
      });
      const id = w?.id;
      const closed = new Promise<void>((resolve) => {
        const onRemoved = (removed: number) => {
          if (removed !== id) return;
          browser.windows.onRemoved.removeListener(onRemoved);
          resolve();
        };
        browser.windows.onRemoved.addListener(onRemoved);
      });
      return { closed };
    },
  };
}
