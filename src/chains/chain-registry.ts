import { memoryValue } from '../platform/memory-value.ts';
import { BUILTIN_EVM_CHAINS, defaultEvmChain, type EvmChain } from './evm-chains.ts';
import { checkRpcUrl } from './rpc-url-policy.ts';

/** What the user changed about chains: added chains, edited RPC URLs, the selection. Not secret. */
export interface ChainSettings {
  selectedChainId?: number;
  added?: EvmChain[];
  rpcUrls?: Record<string, string>;
}

/** Where chain settings live (storage.local in the extension, memory in tests). */
export interface ChainSettingsStore {
  load(): Promise<ChainSettings>;
  save(settings: ChainSettings): Promise<void>;
}

export class ChainRegistryError extends Error {
  override readonly name = 'ChainRegistryError';
  constructor(
    readonly code: 'UNKNOWN_CHAIN' | 'BAD_RPC_URL' | 'BUILTIN_CHAIN',
    message: string,
  ) {
    super(message);
  }
}

/** Built-in chains plus user-added ones, with editable RPC URLs and the selected chain. */
export class ChainRegistry {
  constructor(private readonly store: ChainSettingsStore) {}

  async list(): Promise<EvmChain[]> {
    const s = await this.store.load();
    const withUrl = (c: EvmChain): EvmChain => {
      const url = s.rpcUrls?.[String(c.chainId)];
      return url ? { ...c, rpcUrl: url } : c;
    };
    const added = (s.added ?? []).filter((a) => !BUILTIN_EVM_CHAINS.some((b) => b.chainId === a.chainId));
    return [...BUILTIN_EVM_CHAINS, ...added].map(withUrl);
  }

  async get(chainId: number): Promise<EvmChain | undefined> {
    return (await this.list()).find((c) => c.chainId === chainId);
  }

  /** The active chain: the stored selection when it is still known, else the build's default. */
  async selected(): Promise<EvmChain> {
    const s = await this.store.load();
    const chains = await this.list();
    const byId = (id: number | undefined) => chains.find((c) => c.chainId === id);
    return byId(s.selectedChainId) ?? byId(defaultEvmChain().chainId) ?? chains[0]!;
  }

  /** Select a known chain; returns true when the selection changed. */
  async select(chainId: number): Promise<boolean> {
    if (!(await this.get(chainId)))
      throw new ChainRegistryError('UNKNOWN_CHAIN', `Unknown chain ${chainId}.`);
    const before = (await this.selected()).chainId;
    const s = await this.store.load();
    await this.store.save({ ...s, selectedChainId: chainId });
    return before !== chainId;
  }

  /** Add (or replace) a user chain. Built-in chains cannot be replaced, only their RPC URL edited. */
  async add(chain: EvmChain): Promise<void> {
    if (BUILTIN_EVM_CHAINS.some((b) => b.chainId === chain.chainId))
      throw new ChainRegistryError('BUILTIN_CHAIN', `Chain ${chain.chainId} is built in.`);
    const verdict = checkRpcUrl(chain.rpcUrl);
    if (!verdict.ok) throw new ChainRegistryError('BAD_RPC_URL', verdict.reason);
    const s = await this.store.load();
    const added = (s.added ?? []).filter((c) => c.chainId !== chain.chainId);
    await this.store.save({ ...s, added: [...added, { ...chain, rpcUrl: verdict.url }] });
  }

  /** Edit the RPC URL of any known chain (settings). */
  async setRpcUrl(chainId: number, rpcUrl: string): Promise<void> {
    if (!(await this.get(chainId)))
      throw new ChainRegistryError('UNKNOWN_CHAIN', `Unknown chain ${chainId}.`);
    const verdict = checkRpcUrl(rpcUrl);
    if (!verdict.ok) throw new ChainRegistryError('BAD_RPC_URL', verdict.reason);
    const s = await this.store.load();
    await this.store.save({ ...s, rpcUrls: { ...s.rpcUrls, [String(chainId)]: verdict.url } });
  }
}

/** An in-memory store (tests, and a fallback when storage is unavailable). */
export const memoryChainSettingsStore = (initial: ChainSettings = {}): ChainSettingsStore =>
  memoryValue(initial);
