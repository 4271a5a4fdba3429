/**
 * The wallet as the dApp provider sees it (src/provider's ProviderWallet): addresses and finished, verified
 * signatures only. Wallet errors become EIP-1193 errors with the wallet's fixed message.
 */
import type { Hex, TransactionSerializable } from 'viem';
import { providerErrors } from '../provider/provider-errors.ts';
import type { ProviderWallet } from '../provider/provider-wallet.ts';
import { toWalletError } from './errors.ts';
import type { WalletService } from './wallet-service.ts';

export interface UnlockPrompt {
  /** Open the unlock page; resolves when that window is closed. */
  open(): Promise<{ closed: Promise<void> }>;
}

async function asProviderError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const w = toWalletError(e);
    if (w.code === 'LOCKED' || w.code === 'NO_WALLET') throw providerErrors.unauthorized(w.message);
    throw providerErrors.internal(w.message);
  }
}

export function providerWalletFor(wallet: WalletService, prompt?: UnlockPrompt): ProviderWallet {
  const listeners = new Set<() => void>();
  wallet.onChange(() => {
    for (const l of listeners) l();
  });
  return {
    isUnlocked: () => wallet.isUnlocked(),
    async evmAddress() {
      const st = await wallet.status();
      return (st.addresses?.evm as Hex | undefined) ?? null;
    },
    signPersonalMessage: (message) => asProviderError(() => wallet.sign({ kind: 'personal', message })),
    async signTypedDataV4(json, chainId) {
      let domainChain: unknown;
      try {
        domainChain = (JSON.parse(json) as { domain?: { chainId?: unknown } }).domain?.chainId;
      } catch {
        throw providerErrors.invalidParams('Typed data is not valid JSON.');
      }
      if (domainChain !== undefined && Number(domainChain) !== chainId)
        throw providerErrors.invalidParams('The typed data is for another chain than the active one.');
      return asProviderError(() => wallet.sign({ kind: 'typedData', json }));
    },
    signTransaction: (tx: TransactionSerializable) =>
      asProviderError(() => wallet.sign({ kind: 'transaction', tx })),
    async solanaAddress() {
      return (await wallet.status()).addresses?.solana ?? null;
    },
    signEd25519: (message) => asProviderError(() => wallet.sign({ kind: 'ed25519', message })),
    async requestUnlock() {
      if (await wallet.isUnlocked()) return;
      if (!prompt || (await wallet.status()).state === 'no-wallet')
        throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
      const { closed } = await prompt.open();
      await new Promise<void>((resolve, reject) => {
        const off = wallet.onChange(() => {
          void wallet.isUnlocked().then((u) => {
            if (u) {
              off();
              resolve();
            }
          });
        });
        void closed.then(async () => {
          off();
          if (await wallet.isUnlocked()) resolve();
          else reject(providerErrors.userRejected('The user closed the unlock window.'));
        });
      });
    },
    onStateChange(listener) {
      listeners.add(listener);
    },
  };
}
