import { buildConfig } from '@/src/build-config.ts';
import { probeEnclave } from '@/src/enclave/enclave-status.ts';
import { handlePageMessages } from '@/src/messaging/page-api-server.ts';
import { browserApprovalWindows } from '@/src/provider/approvals/approval-window.ts';
import { localChainSettings, localPermissions } from '@/src/provider/browser-stores.ts';
import { providerPageHandlers } from '@/src/provider/provider-page-api.ts';
import { handleProviderConnections } from '@/src/provider/provider-port.ts';
import { createProviderService } from '@/src/provider/provider-service.ts';
import { walletNotReady } from '@/src/provider/provider-wallet.ts';

// Composition root: wires stores and services, one handleX() per concern.
export default defineBackground(() => {
  // dApp provider (SPEC §8). The wallet service replaces walletNotReady once it implements ProviderWallet.
  const provider = createProviderService({
    wallet: walletNotReady,
    chainSettings: localChainSettings(),
    permissionsStorage: localPermissions(),
    windows: browserApprovalWindows(),
  });
  handleProviderConnections(provider.ctx, provider.connections);

  handlePageMessages({
    ...providerPageHandlers(provider),
    'status.get': async () => {
      const chain = await provider.ctx.chains.selected();
      const enclave = await probeEnclave(buildConfig.enclaveUrl, {
        ...(buildConfig.enclaveIdentityKey ? { pinnedIdentityKey: buildConfig.enclaveIdentityKey } : {}),
      });
      return { enclave, chainId: chain.chainId, chainName: chain.name };
    },
  });
});
