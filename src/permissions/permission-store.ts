/**
 * EIP-2255 permissions per origin. The wallet knows one capability, `eth_accounts`, granted with the accounts
 * the user approved (the `restrictReturnedAccounts` caveat). Stored as plain data (not secret) through an
 * injected store so the background can keep it in storage.local and tests in memory.
 */
import { type GrantsStorage, memoryGrantsStorage, OriginGrants } from './origin-grants.ts';

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

export type PermissionsStorage = GrantsStorage<OriginGrant>;

export const ETH_ACCOUNTS = 'eth_accounts';

export class PermissionStore extends OriginGrants<OriginGrant> {
  async grant(origin: string, accounts: string[]): Promise<OriginGrant> {
    return this.put({ origin, accounts: accounts.map((a) => a.toLowerCase()), date: this.now() });
  }

  async isConnected(origin: string): Promise<boolean> {
    return (await this.get(origin)) !== undefined;
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

export const memoryPermissionsStorage = (initial: Record<string, OriginGrant> = {}): PermissionsStorage =>
  memoryGrantsStorage(initial);
