import { announceProvider, makeProviderInfo } from '@/src/provider/eip6963.ts';
import { TwofoldEthereumProvider } from '@/src/provider/inpage-provider.ts';
import { registerTwofoldSolanaWallet } from '@/src/provider/solana/wallet-standard.ts';

// MAIN world at document_start: the page's first inline script already sees the provider.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    const provider = new TwofoldEthereumProvider(window);
    const w = window as unknown as { ethereum?: unknown };
    // Only claim window.ethereum when no other wallet owns it; EIP-6963 always announces.
    if (w.ethereum === undefined) {
      Object.defineProperty(window, 'ethereum', { value: provider, configurable: true, enumerable: true });
    }
    announceProvider(window, makeProviderInfo(), provider);
    // Solana: a Wallet Standard wallet whose requests share the provider's relay (issue 9).
    registerTwofoldSolanaWallet((method, params) => provider.request({ method, params: params as object }));
  },
});
