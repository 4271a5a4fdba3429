import { memoryValue } from '../../platform/memory-value.ts';
import { checkRpcUrl } from '../rpc-url-policy.ts';

/** The Solana clusters a dApp may name (Wallet Standard chain ids `solana:<cluster>`). */
export const SOLANA_CLUSTERS = ['mainnet', 'devnet', 'localnet'] as const;
export type SolanaCluster = (typeof SOLANA_CLUSTERS)[number];
export type SolanaChainId = `solana:${SolanaCluster}`;
export const SOLANA_CHAINS: readonly SolanaChainId[] = SOLANA_CLUSTERS.map((c) => `solana:${c}` as const);

export const DEFAULT_SOLANA_RPC: Readonly<Record<SolanaCluster, string>> = {
  mainnet: 'https://api.mainnet-beta.solana.com',
  devnet: 'https://api.devnet.solana.com',
  localnet: 'http://127.0.0.1:8899',
};

const NAMES: Readonly<Record<SolanaCluster, string>> = {
  mainnet: 'Solana',
  devnet: 'Solana devnet',
  localnet: 'Solana localnet',
};

export interface SolanaClusterInfo {
  cluster: SolanaCluster;
  chain: SolanaChainId;
  name: string;
  rpcUrl: string;
}

/** What the user changed: the selected cluster and per-cluster RPC URLs. Not secret. */
export interface SolanaSettings {
  selected?: SolanaCluster;
  rpcUrls?: Partial<Record<SolanaCluster, string>>;
}

export interface SolanaSettingsStore {
  load(): Promise<SolanaSettings>;
  save(settings: SolanaSettings): Promise<void>;
}

export class SolanaClusterError extends Error {
  override readonly name = 'SolanaClusterError';
  constructor(
    readonly code: 'UNKNOWN_CLUSTER' | 'BAD_RPC_URL',
    message: string,
  ) {
    super(message);
  }
}

export function isSolanaChain(v: unknown): v is SolanaChainId {
  return typeof v === 'string' && (SOLANA_CHAINS as readonly string[]).includes(v);
}

export function clusterOf(chain: SolanaChainId): SolanaCluster {
  return chain.slice('solana:'.length) as SolanaCluster;
}

/** The three clusters with their RPC URLs (user-set or default) and the selection (devnet unless set). */
export class SolanaClusters {
  constructor(
    private readonly store: SolanaSettingsStore,
    private readonly defaultCluster: SolanaCluster = 'devnet',
  ) {}

  async get(cluster: SolanaCluster): Promise<SolanaClusterInfo> {
    if (!SOLANA_CLUSTERS.includes(cluster))
      throw new SolanaClusterError('UNKNOWN_CLUSTER', 'Unknown cluster.');
    const s = await this.store.load();
    const rpcUrl = s.rpcUrls?.[cluster] ?? DEFAULT_SOLANA_RPC[cluster];
    return { cluster, chain: `solana:${cluster}`, name: NAMES[cluster], rpcUrl };
  }

  async list(): Promise<SolanaClusterInfo[]> {
    return Promise.all(SOLANA_CLUSTERS.map((c) => this.get(c)));
  }

  async selected(): Promise<SolanaClusterInfo> {
    const s = await this.store.load();
    return this.get(s.selected && SOLANA_CLUSTERS.includes(s.selected) ? s.selected : this.defaultCluster);
  }

  async select(cluster: SolanaCluster): Promise<SolanaClusterInfo> {
    const info = await this.get(cluster);
    const s = await this.store.load();
    await this.store.save({ ...s, selected: cluster });
    return info;
  }

  async setRpcUrl(cluster: SolanaCluster, url: string): Promise<SolanaClusterInfo> {
    await this.get(cluster);
    const verdict = checkRpcUrl(url);
    if (!verdict.ok) throw new SolanaClusterError('BAD_RPC_URL', verdict.reason);
    const s = await this.store.load();
    await this.store.save({ ...s, rpcUrls: { ...s.rpcUrls, [cluster]: verdict.url } });
    return this.get(cluster);
  }
}

export const memorySolanaSettingsStore = (initial: SolanaSettings = {}): SolanaSettingsStore =>
  memoryValue(initial);
