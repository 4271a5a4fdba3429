import { defaultEvmChain, type EvmChain, findBuiltinChain } from './evm-chains.ts';

/** Where the selected chain id is kept (not a secret: storage.local in the extension, a Map in tests). */
export interface ChainSelectionStore {
  get(): Promise<number | undefined>;
  set(chainId: number): Promise<void>;
}

/** The active EVM chain: the stored selection when it is a known chain, else the build's default. */
export async function selectedEvmChain(store: ChainSelectionStore): Promise<EvmChain> {
  const id = await store.get();
  return (id !== undefined ? findBuiltinChain(id) : undefined) ?? defaultEvmChain();
}
