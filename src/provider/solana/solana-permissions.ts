/**
 * Which origins may see the wallet's Solana address: one grant per origin, granted in the same approval
 * window as EVM connections but kept apart (base58 addresses are case-sensitive). Plain data, not secret.
 */
import { type GrantsStorage, memoryGrantsStorage, OriginGrants } from '../../permissions/origin-grants.ts';

export interface SolanaGrant {
  origin: string;
  address: string;
  date: number;
  lastUsedAt?: number;
}

export type SolanaGrantsStorage = GrantsStorage<SolanaGrant>;

export class SolanaPermissions extends OriginGrants<SolanaGrant> {
  async grant(origin: string, address: string): Promise<SolanaGrant> {
    return this.put({ origin, address, date: this.now() });
  }
}

export const memorySolanaGrantsStorage = (initial: Record<string, SolanaGrant> = {}): SolanaGrantsStorage =>
  memoryGrantsStorage(initial);
