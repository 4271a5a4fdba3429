/**
 * The browser facilities the vault needs, as small injected interfaces: the background passes adapters over
 * WXT's `browser` (see browser-ports.ts); unit tests pass the fakes of testing.ts.
 */

/**
 * Holds the unlocked vault key between service-worker restarts. Must be backed by `storage.session` (memory
 * only, cleared when the browser closes, not readable by content scripts): never storage.local, never disk.
 * The value is an opaque string made by the vault.
 */
export interface SessionKeyStore {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  clear(): Promise<void>;
}

/** One-shot named alarms (`browser.alarms`): they wake a stopped service worker when they fire. */
export interface AlarmScheduler {
  /** Create the named alarm `delayMinutes` from now, replacing any alarm of that name. */
  create(name: string, delayMinutes: number): Promise<void>;
  clear(name: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
