/**
 * The wallet service wired to the browser through src/platform: the vault over IndexedDB with storage.session
 * and alarms, long operations kept from being stopped by the browser's idle limit, the
 * enclave client over the service worker's WebSocket, progress broadcast to the pages, auto-lock alarms, and
 * interrupted operations resolved when the worker starts.
 */
import { buildConfig } from '../build-config.ts';
import type { ChainRegistry } from '../chains/chain-registry.ts';
import { broadcastProgress, broadcastStatus } from '../messaging/page-events.ts';
import { platform } from '../platform/index.ts';
import { sessionKeyStoreFrom } from '../vault/browser-ports.ts';
import { Vault } from '../vault/vault.ts';
import { enclaveConnector, settingsPins } from './enclave-connector.ts';
import type { UnlockPrompt } from './provider-adapter.ts';
import { WalletService } from './wallet-service.ts';

export function createBrowserWallet(chains: ChainRegistry): WalletService {
  const alarms = platform.alarms();
  const vault = new Vault({ sessionStore: sessionKeyStoreFrom(platform.sessionArea()), alarms });
  const wallet = new WalletService({
    vault,
    connect: enclaveConnector({ pins: settingsPins(vault.settings) }),
    enclaveUrl: buildConfig.enclaveUrl,
    enclaveIdentityKey: buildConfig.enclaveIdentityKey,
    chains,
    hooks: { onProgress: broadcastProgress },
    keepAwake: platform.keepAwakeWhile,
  });
  wallet.onChange(() => void wallet.status().then(broadcastStatus, () => undefined));
  alarms.onFired((name) => void wallet.handleAlarm(name));
  void wallet.start();
  return wallet;
}

/**
 * The unlock page on a surface of its own (a popup window; a tab where the browser has no windows API), for
 * dApp requests that arrive while locked.
 */
export function browserUnlockPrompt(): UnlockPrompt {
  return {
    async open() {
      const opened = await platform.openApprovalSurface('/popup.html', { width: 380, height: 640 });
      const closed = new Promise<void>((resolve) => {
        const stop = platform.onApprovalSurfaceClosed((s) => {
          if (s.kind !== opened.kind || s.id !== opened.id) return;
          stop();
          resolve();
        });
      });
      return { closed };
    },
  };
}
