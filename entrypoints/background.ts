import { browser } from 'wxt/browser';
import { buildConfig } from '@/src/build-config.ts';
import type { ChainSelectionStore } from '@/src/chains/chain-selection.ts';
import { selectedEvmChain } from '@/src/chains/chain-selection.ts';
import { probeEnclave } from '@/src/enclave/enclave-status.ts';
import { handlePageMessages } from '@/src/messaging/page-api-server.ts';
import { handleProviderConnections } from '@/src/provider/provider-port.ts';

// Composition root: wires stores and services, one handleX() per concern.
export default defineBackground(() => {
  const chains: ChainSelectionStore = {
    get: async () => {
      const v = (await browser.storage.local.get('selectedChainId')).selectedChainId;
      return typeof v === 'number' ? v : undefined;
    },
    set: (chainId) => browser.storage.local.set({ selectedChainId: chainId }),
  };

  handleProviderConnections({ chains });
  handlePageMessages({
    'status.get': async () => {
      const chain = await selectedEvmChain(chains);
      const enclave = await probeEnclave(buildConfig.enclaveUrl, {
        ...(buildConfig.enclaveIdentityKey ? { pinnedIdentityKey: buildConfig.enclaveIdentityKey } : {}),
      });
      return { enclave, chainId: chain.chainId, chainName: chain.name };
    },
  });
});
