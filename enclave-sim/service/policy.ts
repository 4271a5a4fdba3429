import type { PairRow, WalletRow } from '../store/wallet-store.ts';
import { EJECT_RESEND_MS } from '../store/wallet-store.ts';

/** Token bucket: `capacity` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = clock();
  }

  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Rate limits per wallet (operations) and per connection (frames), SPEC §7, and one service-wide bucket for
 * registrations: a createWallet has no wallet to count against yet and costs a full ECDSA key generation, so
 * without it any client could spend the enclave's CPU (and its Paillier key pool) on new wallets.
 */
export class RateLimits {
  private readonly wallets = new Map<string, TokenBucket>();
  private readonly registrations: TokenBucket;
  constructor(
    readonly walletOpsPerSecond: number,
    readonly walletBurst: number,
    readonly connectionFramesPerSecond: number,
    readonly connectionBurst: number,
    registrationsPerSecond = 1,
    registrationBurst = 60,
  ) {
    this.registrations = new TokenBucket(registrationBurst, registrationsPerSecond);
  }

  takeRegistration(): boolean {
    return this.registrations.take();
  }

  forConnection(): TokenBucket {
    return new TokenBucket(this.connectionBurst, this.connectionFramesPerSecond);
  }

  takeWallet(walletId: string): boolean {
    let b = this.wallets.get(walletId);
    if (!b) {
      if (this.wallets.size > 100_000) this.wallets.clear();
      b = new TokenBucket(this.walletBurst, this.walletOpsPerSecond);
      this.wallets.set(walletId, b);
    }
    return b.take();
  }
}

/** Eject is allowed inside the wallet's window, or as a re-send within 24 h of the first release (SPEC §4.7). */
export function ejectAllowed(wallet: WalletRow, pair: PairRow, now: Date): boolean {
  if (pair.status === 'EJECT_PENDING' && pair.ejectReleasedAt) {
    if (now.getTime() - Date.parse(pair.ejectReleasedAt) <= EJECT_RESEND_MS) return true;
  }
  if (!wallet.ejectableUntil) return false;
  const t = now.getTime();
  if (wallet.ejectableFrom && t < Date.parse(wallet.ejectableFrom)) return false;
  return t <= Date.parse(wallet.ejectableUntil);
}

/** One protocol session per pair at a time (SPEC §5.4). */
export class PairLocks {
  private readonly held = new Set<string>();
  tryAcquire(pairId: string): boolean {
    if (this.held.has(pairId)) return false;
    this.held.add(pairId);
    return true;
  }
  release(pairId: string): void {
    this.held.delete(pairId);
  }
  get size(): number {
    return this.held.size;
  }
}
