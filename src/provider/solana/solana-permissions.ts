/**
 * Which origins may see the wallet's Solana address: one grant per origin, granted in the same approval
 * window as EVM connections but kept apart (base58 addresses are case-sensitive). Plain data, not secret.
 */
export interface SolanaGrant {
  origin: string;
  address: string;
  date: number;
  lastUsedAt?: number;
}

export interface SolanaGrantsStorage {
  load(): Promise<Record<string, SolanaGrant>>;
  save(grants: Record<string, SolanaGrant>): Promise<void>;
}

export class SolanaPermissions {
  constructor(
    private readonly storage: SolanaGrantsStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async grant(origin: string, address: string): Promise<SolanaGrant> {
    const all = await this.storage.load();
    const g: SolanaGrant = { origin, address, date: this.now() };
    await this.storage.save({ ...all, [origin]: g });
    return g;
  }

  async get(origin: string): Promise<SolanaGrant | undefined> {
    const all = await this.storage.load();
    return Object.hasOwn(all, origin) ? all[origin] : undefined;
  }

  async touch(origin: string): Promise<void> {
    const all = await this.storage.load();
    const g = Object.hasOwn(all, origin) ? all[origin] : undefined;
    if (g) await this.storage.save({ ...all, [origin]: { ...g, lastUsedAt: this.now() } });
  }

  async revoke(origin: string): Promise<boolean> {
    const all = await this.storage.load();
    if (!Object.hasOwn(all, origin)) return false;
    const { [origin]: _gone, ...rest } = all;
    await this.storage.save(rest);
    return true;
  }

  async list(): Promise<SolanaGrant[]> {
    return Object.values(await this.storage.load()).sort((a, b) => a.origin.localeCompare(b.origin));
  }
}

export function memorySolanaGrantsStorage(initial: Record<string, SolanaGrant> = {}): SolanaGrantsStorage {
  let value = structuredClone(initial);
  return {
    load: async () => structuredClone(value),
    save: async (v) => {
      value = structuredClone(v);
    },
  };
}
