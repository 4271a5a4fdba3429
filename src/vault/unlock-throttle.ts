/**
 * Growing delay after wrong passwords: after f consecutive failures the next attempt is allowed
 * `unlockDelayMs(f)` after the last failure: 0, 0, 1 s, 2 s, 4 s, ... capped at 60 s (f = 0, 1, 2, 3, 4, ...).
 * Attempts inside the delay are refused without running the KDF, so they neither test a password nor count.
 */
import type { UnlockThrottleRecord } from './schema.ts';

export const MAX_UNLOCK_DELAY_MS = 60_000;

export function unlockDelayMs(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(MAX_UNLOCK_DELAY_MS, 1000 * 2 ** Math.min(failures - 2, 16));
}

/** Milliseconds until the next attempt is allowed (0 = now). A clock that went backwards cannot extend it. */
export function retryAfterMs(rec: UnlockThrottleRecord | undefined, now: number): number {
  if (!rec) return 0;
  const delay = unlockDelayMs(rec.failures);
  return Math.max(0, Math.min(delay, rec.lastFailureAt + delay - now));
}

export function isThrottleRecord(x: unknown): x is UnlockThrottleRecord {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return (
    r.id === 'unlockThrottle' &&
    Number.isSafeInteger(r.failures) &&
    (r.failures as number) >= 0 &&
    typeof r.lastFailureAt === 'number'
  );
}
