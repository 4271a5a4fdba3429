/**
 * What every per-origin grant store does, whatever the grant holds (EVM accounts, a Solana address): look
 * one up, record its use, revoke it, list them. Plain data behind an injected store (storage.local in the
 * background, memory in tests).
 */
import { memoryValue } from '../platform/memory-value.ts';

export interface GrantsStorage<G> {
  load(): Promise<Record<string, G>>;
  save(grants: Record<string, G>): Promise<void>;
}

export class OriginGrants<G extends { origin: string; lastUsedAt?: number }> {
  constructor(
    protected readonly storage: GrantsStorage<G>,
    protected readonly now: () => number = Date.now,
  ) {}

  /** Grants anew (replacing any earlier grant of the origin). */
  protected async put(grant: G): Promise<G> {
    const all = await this.storage.load();
    await this.storage.save({ ...all, [grant.origin]: grant });
    return grant;
  }

  async get(origin: string): Promise<G | undefined> {
    const all = await this.storage.load();
    return Object.hasOwn(all, origin) ? all[origin] : undefined;
  }

  /** Record a use of the connection (shown as "last used" in the popup). */
  async touch(origin: string): Promise<void> {
    const all = await this.storage.load();
    const g = Object.hasOwn(all, origin) ? all[origin] : undefined;
    if (g) await this.storage.save({ ...all, [origin]: { ...g, lastUsedAt: this.now() } });
  }

  /** Returns true when something was revoked. */
  async revoke(origin: string): Promise<boolean> {
    const all = await this.storage.load();
    if (!Object.hasOwn(all, origin)) return false;
    const { [origin]: _gone, ...rest } = all;
    await this.storage.save(rest);
    return true;
  }

  async list(): Promise<G[]> {
    return Object.values(await this.storage.load()).sort((a, b) => a.origin.localeCompare(b.origin));
  }
}

/** A store in memory (tests). */
export const memoryGrantsStorage = <G>(initial: Record<string, G> = {}): GrantsStorage<G> =>
  memoryValue(initial);
