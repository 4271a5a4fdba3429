/**
 * EIP-2255 permissions per origin. The wallet knows one capability, `eth_accounts`, granted with the accounts
 * the user approved (the `restrictReturnedAccounts` caveat). Stored as plain data (not secret) through an
 * injected store so the background can keep it in storage.local and tests in memory.
 */
export interface OriginGrant {
  origin: string;
  /** Lower-case 0x addresses this origin may see. */
  accounts: string[];
  /** Milliseconds since the epoch when the user granted it. */
  date: number;
  /** Last signing or connection request from this origin. */
  lastUsedAt?: number;
}

export interface Eip2255Permission {
  invoker: string;
  parentCapability: 'eth_accounts';
  caveats: { type: 'restrictReturnedAccounts'; value: string[] }[];
  date: number;
}

export interface PermissionsStorage {
  load(): Promise<Record<string, OriginGrant>>;
  save(grants: Record<string, OriginGrant>): Promise<void>;
}

export const ETH_ACCOUNTS = 'eth_accounts';

export class PermissionStore {
  constructor(
    private readonly storage: PermissionsStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async grant(origin: string, accounts: string[]): Promise<OriginGrant> {
    const all = await this.storage.load();
    const g: OriginGrant = { origin, accounts: accounts.map((a) => a.toLowerCase()), date: this.now() };
    await this.storage.save({ ...all, [origin]: g });
    return g;
  }

  /** Record a use of the connection (shown as "last used" in the popup). */
  async touch(origin: string): Promise<void> {
    const all = await this.storage.load();
    const g = Object.hasOwn(all, origin) ? all[origin] : undefined;
    if (g) await this.storage.save({ ...all, [origin]: { ...g, lastUsedAt: this.now() } });
  }

  async get(origin: string): Promise<OriginGrant | undefined> {
    const all = await this.storage.load();
    return Object.hasOwn(all, origin) ? all[origin] : undefined;
  }

  async isConnected(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
  }

  /** Returns true when something was revoked. */
  async revoke(origin: string): Promise<boolean> {
    const all = await this.storage.load();
    if (!Object.hasOwn(all, origin)) return false;
    const { [origin]: _gone, ...rest } = all;
    await this.storage.save(rest);
    return true;
  }

  async list(): Promise<OriginGrant[]> {
    return Object.values(await this.storage.load()).sort((a, b) => a.origin.localeCompare(b.origin));
  }
}

export function toEip2255(g: OriginGrant): Eip2255Permission {
  return {
    invoker: g.origin,
    parentCapability: ETH_ACCOUNTS,
    caveats: [{ type: 'restrictReturnedAccounts', value: [...g.accounts] }],
    date: g.date,
  };
}

export function memoryPermissionsStorage(initial: Record<string, OriginGrant> = {}): PermissionsStorage {
  let value = structuredClone(initial);
  return {
    load: async () => structuredClone(value),
    save: async (v) => {
      value = structuredClone(v);
    },
  };
}
