import { buildConfig } from '@/src/build-config.ts';
import { ChainRegistry } from '@/src/chains/chain-registry.ts';
import { probeEnclave } from '@/src/enclave/enclave-status.ts';
import { handlePageMessages } from '@/src/messaging/page-api-server.ts';
import { walletPageHandlers } from '@/src/messaging/wallet-page-api.ts';
import { browserApprovalWindows } from '@/src/provider/approvals/approval-window.ts';
import { localChainSettings, localPermissions } from '@/src/provider/browser-stores.ts';
import { providerPageHandlers } from '@/src/provider/provider-page-api.ts';
import { handleProviderConnections } from '@/src/provider/provider-port.ts';
import { createProviderService } from '@/src/provider/provider-service.ts';
import { localSolanaGrants, localSolanaSettings } from '@/src/provider/solana/solana-browser-stores.ts';
import { createSolanaContext } from '@/src/provider/solana/solana-context.ts';
import { solanaPageHandlers } from '@/src/provider/solana/solana-page-api.ts';
import { browserUnlockPrompt, createBrowserWallet } from '@/src/wallet/browser-wallet.ts';
import { providerWalletFor } from '@/src/wallet/provider-adapter.ts';

// Composition root: wires stores and services, one handleX() per concern.
export default defineBackground(() => {
  // The wallet (SPEC §4, §6): the only holder of decrypted client shares.
  const chains = new ChainRegistry(localChainSettings());
  const wallet = createBrowserWallet(chains);

  // dApp provider (SPEC §8).
  const provider = createProviderService({
    wallet: providerWalletFor(wallet, browserUnlockPrompt()),
    chainSettings: localChainSettings(),
    permissionsStorage: localPermissions(),
    windows: browserApprovalWindows(),
  });
  // Solana (Wallet Standard) requests share the port, router, approvals and wallet (issue 9).
  const solana = createSolanaContext({ settings: localSolanaSettings(), grants: localSolanaGrants() });
  provider.ctx.solana = solana;
  handleProviderConnections(provider.ctx, provider.connections);

  handlePageMessages({
    ...providerPageHandlers(provider),
    ...walletPageHandlers({ wallet, chains }),
    ...solanaPageHandlers({ solana, wallet: provider.ctx.wallet }),
    'status.get': async () => {
      const chain = await provider.ctx.chains.selected();
      const enclave = await probeEnclave(buildConfig.enclaveUrl, {
        ...(buildConfig.enclaveIdentityKey ? { pinnedIdentityKey: buildConfig.enclaveIdentityKey } : {}),
      });
      return { enclave, chainId: chain.chainId, chainName: chain.name };
    },
  });
});
