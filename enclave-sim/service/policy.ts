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

  /** Refilled to capacity (nothing of it is spent any more). */
  isFull(): boolean {
    const now = this.clock();
    return this.tokens + ((now - this.last) / 1000) * this.perSecond >= this.capacity;
  }
}

/**
 * Each source's share of the service-wide registration budget: a createWallet takes a token from the
 * source's own bucket first, then from the service-wide one, so one address can spend at most its share of
 * the burst, and a refusal by its own bucket costs the others nothing.
 */
export class RegistrationShares {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    readonly burst: number,
    readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(source: string): boolean {
    let b = this.buckets.get(source);
    if (!b) {
      // Bounded memory: forget sources whose bucket has refilled (they have nothing left to count).
      if (this.buckets.size >= 10_000)
        for (const [k, v] of this.buckets) if (v.isFull()) this.buckets.delete(k);
      if (this.buckets.size >= 10_000) this.buckets.clear();
      b = new TokenBucket(this.burst, this.perSecond, this.clock);
      this.buckets.set(source, b);
    }
    return b.take();
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
  private readonly registrationShares: RegistrationShares;
  constructor(
    readonly walletOpsPerSecond: number,
    readonly walletBurst: number,
    readonly connectionFramesPerSecond: number,
    readonly connectionBurst: number,
    registrationsPerSecond = 1,
    registrationBurst = 60,
    /** Each source's share (see RegistrationShares); by default a sixth of the service-wide budget. */
    registrationShare: { burst: number; perSecond: number } = {
      burst: Math.max(1, Math.ceil(registrationBurst / 6)),
      perSecond: registrationsPerSecond / 6,
    },
  ) {
    this.registrations = new TokenBucket(registrationBurst, registrationsPerSecond);
    this.registrationShares = new RegistrationShares(registrationShare.burst, registrationShare.perSecond);
  }

  /** A createWallet from `source` (see sourceKey): its own share first, then the service-wide budget. */
  takeRegistration(source = 'unknown'): boolean {
    return this.registrationShares.take(source) && this.registrations.take();
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

/**
 * Eject is allowed inside the wallet's window, or as a re-send within 24 h of the first release (SPEC §4.7).
 * One eject covers both curves, one operation each: when the other curve's signing pair (`siblings`: the
 * wallet's pairs) had its half released within 24 h, this pair may finish the same eject after the window
 * closed. Otherwise a window that closed between the two curves would leave the wallet stuck: the released
 * pair can never co-sign again (its half is out) and the other could not be exported. Nothing here ever
 * takes a pair back towards co-signing.
 */
export function ejectAllowed(wallet: WalletRow, pair: PairRow, now: Date, siblings: PairRow[] = []): boolean {
  const t = now.getTime();
  const releasedRecently = (p: PairRow) =>
    p.ejectReleasedAt !== null && t - Date.parse(p.ejectReleasedAt) <= EJECT_RESEND_MS;
  if (pair.status === 'EJECT_PENDING' && releasedRecently(pair)) return true;
  const finishing = siblings.some(
    (s) =>
      s.id !== pair.id &&
      s.kind === 'signing' &&
      s.curve !== pair.curve &&
      (s.status === 'EJECT_PENDING' || s.status === 'EJECTED') &&
      releasedRecently(s),
  );
  if (finishing && pair.kind === 'signing') return true;
  if (!wallet.ejectableUntil) return false;
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
