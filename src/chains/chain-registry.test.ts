import { describe, expect, it } from 'vitest';
import { ChainRegistry, memoryChainSettingsStore } from './chain-registry.ts';
import type { EvmChain } from './evm-chains.ts';

const ETH = { name: 'Ether', symbol: 'ETH', decimals: 18 };
const OPTIMISM: EvmChain = {
  chainId: 10,
  name: 'OP Mainnet',
  rpcUrl: 'https://mainnet.optimism.io',
  nativeCurrency: ETH,
};

describe('chain registry', () => {
  it('selects the build default (Anvil Local 31337) until the user chooses', async () => {
    const r = new ChainRegistry(memoryChainSettingsStore());
    expect((await r.selected()).chainId).toBe(31337);
    expect(await r.select(8453)).toBe(true);
    expect(await r.select(8453)).toBe(false);
    expect((await r.selected()).name).toBe('Base');
  });

  it('refuses to select an unknown chain', async () => {
    const r = new ChainRegistry(memoryChainSettingsStore());
    await expect(r.select(10)).rejects.toMatchObject({ code: 'UNKNOWN_CHAIN' });
  });

  it('adds a chain, which can then be selected; built-ins cannot be replaced', async () => {
    const r = new ChainRegistry(memoryChainSettingsStore());
    await r.add(OPTIMISM);
    expect(await r.get(10)).toMatchObject({ name: 'OP Mainnet' });
    await r.select(10);
    expect((await r.selected()).chainId).toBe(10);
    await expect(r.add({ ...OPTIMISM, chainId: 1 })).rejects.toMatchObject({ code: 'BUILTIN_CHAIN' });
    expect((await r.list()).map((c) => c.chainId)).toEqual([31337, 1, 11155111, 8453, 10]);
  });

  it('edits RPC URLs with the same policy (https, or http on loopback only)', async () => {
    const r = new ChainRegistry(memoryChainSettingsStore());
    await r.setRpcUrl(1, 'https://rpc.example/eth');
    expect((await r.get(1))?.rpcUrl).toBe('https://rpc.example/eth');
    await r.setRpcUrl(31337, 'http://127.0.0.1:9545');
    expect((await r.get(31337))?.rpcUrl).toBe('http://127.0.0.1:9545/');
    await expect(r.setRpcUrl(1, 'http://rpc.example')).rejects.toMatchObject({ code: 'BAD_RPC_URL' });
    await expect(r.add({ ...OPTIMISM, rpcUrl: 'http://10.0.0.1' })).rejects.toMatchObject({
      code: 'BAD_RPC_URL',
    });
    await expect(r.setRpcUrl(99, 'https://x.example')).rejects.toMatchObject({ code: 'UNKNOWN_CHAIN' });
  });

  it('falls back to the default when the stored selection is no longer known', async () => {
    const r = new ChainRegistry(memoryChainSettingsStore({ selectedChainId: 424242 }));
    expect((await r.selected()).chainId).toBe(31337);
  });
});
