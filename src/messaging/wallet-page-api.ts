/**
 * The page-API handlers of the wallet (popup, onboarding): thin, validated adapters over WalletService.
 * Spread into the background's handlePageMessages({...}) next to the provider's handlers.
 */
import { formatUnits } from 'viem';
import type { ChainRegistry } from '../chains/chain-registry.ts';
import { WalletError } from '../wallet/errors.ts';
import { type RpcClientFactory, viemRpc } from '../wallet/send.ts';
import type { WalletService } from '../wallet/wallet-service.ts';
import type { NativeTransfer, PageRequests, WalletSettings } from './page-messages.ts';

export type WalletPageRequestType =
  | 'wallet.status'
  | 'wallet.unlock'
  | 'wallet.lock'
  | 'wallet.changePassword'
  | 'wallet.generate'
  | 'wallet.progress'
  | 'wallet.addresses'
  | 'backup.create'
  | 'backup.verify'
  | 'backup.list'
  | 'backup.revoke'
  | 'wallet.recover'
  | 'wallet.refresh'
  | 'eject.enable'
  | 'eject.start'
  | 'eject.confirm'
  | 'eject.exportedKeys'
  | 'eject.keysShown'
  | 'health.check'
  | 'send.estimate'
  | 'send.native'
  | 'sweep.evm.quote'
  | 'sweep.evm'
  | 'settings.get'
  | 'settings.set'
  | 'balance.get';

type Handlers = {
  [T in WalletPageRequestType]: (payload: PageRequests[T]['request']) => Promise<PageRequests[T]['response']>;
};

const MAX_FILE_CHARS = 1 << 20;

function str(v: unknown, field: string, max = 4096): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw new WalletError('INVALID_ARGUMENT', field);
  return v;
}

function transfer(p: unknown): NativeTransfer {
  const t = (p ?? {}) as Partial<NativeTransfer>;
  if (typeof t.chainId !== 'number' || !Number.isSafeInteger(t.chainId))
    throw new WalletError('INVALID_ARGUMENT', 'chainId');
  return { to: str(t.to, 'to', 64), amount: str(t.amount, 'amount', 80), chainId: t.chainId };
}

function sweepRequest(p: unknown): PageRequests['sweep.evm']['request'] {
  const t = (p ?? {}) as Partial<PageRequests['sweep.evm']['request']>;
  if (typeof t.chainId !== 'number' || !Number.isSafeInteger(t.chainId))
    throw new WalletError('INVALID_ARGUMENT', 'chainId');
  return { to: str(t.to, 'to', 64), chainId: t.chainId };
}

export interface WalletPageDeps {
  wallet: WalletService;
  chains: ChainRegistry;
  rpc?: RpcClientFactory;
}

export function walletPageHandlers({ wallet, chains, rpc = viemRpc }: WalletPageDeps): Handlers {
  const settings = async (): Promise<WalletSettings> => {
    const base = await wallet.getSettings();
    const rpcUrls: Record<string, string> = {};
    for (const c of await chains.list()) rpcUrls[String(c.chainId)] = c.rpcUrl;
    return { ...base, rpcUrls };
  };
  const handlers: Handlers = {
    'wallet.status': () => wallet.status(),
    'wallet.unlock': (p) => wallet.unlock(str(p?.password, 'password', 1024)),
    'wallet.lock': () => wallet.lock(),
    'wallet.changePassword': (p) =>
      wallet.changePassword(
        str(p?.oldPassword, 'oldPassword', 1024),
        str(p?.newPassword, 'newPassword', 1024),
      ),
    'wallet.generate': (p) => wallet.generateWallet(str(p?.password, 'password', 1024)),
    'wallet.progress': async () => wallet.progress(),
    'wallet.addresses': () => wallet.addresses(),
    'backup.create': (p) => wallet.backupWallet(str(p?.backupPassword, 'backupPassword', 1024)),
    'backup.verify': (p) =>
      wallet.verifyBackup(
        str(p?.fileText, 'fileText', MAX_FILE_CHARS),
        str(p?.backupPassword, 'backupPassword', 1024),
      ),
    'backup.list': async () => ({ backups: await wallet.listBackups() }),
    'backup.revoke': async (p) => ({ backups: await wallet.revokeBackup(str(p?.backupId, 'backupId', 128)) }),
    'wallet.recover': (p) =>
      wallet.recoverWallet(
        str(p?.fileText, 'fileText', MAX_FILE_CHARS),
        str(p?.backupPassword, 'backupPassword', 1024),
        str(p?.newPassword, 'newPassword', 1024),
      ),
    'wallet.refresh': async () => ({ refreshedAt: await wallet.refreshSigningSharePairs() }),
    // The extension can only ask for the self-service window; the customer's admin command sets others.
    'eject.enable': async () => ({ ejectableUntil: await wallet.requestEject() }),
    'eject.start': async () => ({ ejectableUntil: await wallet.requestEject() }),
    'eject.confirm': async (p) => {
      await wallet.reauthenticate(str(p?.password, 'password', 1024));
      return wallet.eject();
    },
    'eject.exportedKeys': (p) => wallet.showExportedKeys(str(p?.password, 'password', 1024)),
    'eject.keysShown': () => wallet.markExportedKeysShown(),
    'health.check': () => wallet.checkHealth(),
    'send.estimate': (p) => wallet.estimateSend(transfer(p)),
    'send.native': (p) => wallet.sendAssets(transfer(p)),
    'sweep.evm.quote': (p) => wallet.quoteEvmSweep(sweepRequest(p)),
    'sweep.evm': (p) => wallet.sweepEvm(sweepRequest(p)),
    'settings.get': settings,
    'settings.set': async (p) => {
      if (p?.enclaveUrl !== undefined) await wallet.setEnclaveUrl(str(p.enclaveUrl, 'enclaveUrl', 512));
      if (p?.autoLockMinutes !== undefined) await wallet.setAutoLockMinutes(p.autoLockMinutes);
      for (const [id, url] of Object.entries(p?.rpcUrls ?? {})) {
        try {
          await chains.setRpcUrl(Number(id), str(url, 'rpcUrl', 512));
        } catch {
          throw new WalletError('INVALID_ARGUMENT', 'rpcUrl');
        }
      }
      return settings();
    },
    'balance.get': async () => {
      const chain = await chains.selected();
      const address = (await wallet.addresses()).evm as `0x${string}`;
      let wei: bigint;
      try {
        wei = await rpc(chain.rpcUrl).getBalance({ address });
      } catch {
        throw new WalletError('RPC_ERROR');
      }
      return {
        chainId: chain.chainId,
        wei: wei.toString(),
        formatted: formatUnits(wei, chain.nativeCurrency.decimals),
        symbol: chain.nativeCurrency.symbol,
      };
    },
  };
  // Input checks throw synchronously: make every handler a promise-returning function regardless. Any
  // answered page request counts as user activity for the auto-lock deadline.
  for (const k of Object.keys(handlers) as WalletPageRequestType[]) {
    const h = handlers[k] as (p: unknown) => Promise<unknown>;
    (handlers as Record<string, (p: unknown) => Promise<unknown>>)[k] = async (p) => {
      const r = await h(p);
      if (k !== 'wallet.progress') void wallet.touch();
      return r;
    };
  }
  return handlers;
}
