import { currentTarget, type PlatformTarget } from './target.ts';

/**
 * How the background lives in each browser. Chrome MV3 runs a service worker (no DOM); Firefox runs an event
 * page (a hidden document). Both stop it after ~30 s without extension events or extension API calls, and
 * both start it again for the next event. Firefox does not count an open runtime.Port or WebSocket as
 * activity (checked on ESR 153), Chrome ≥ 116 counts WebSocket traffic: a long enclave exchange therefore
 * needs keepAwakeWhile() in Firefox.
 */
export interface BackgroundLifetime {
  kind: 'service-worker' | 'event-page' | 'persistent-page';
  suspendsWhenIdle: boolean;
  /** The browser's default idle limit before it stops the background, or null if it never does. */
  idleLimitMs: number | null;
  /** window/document exist (URL.createObjectURL, DOMParser, ...). */
  hasDom: boolean;
}

export function backgroundLifetime(target: PlatformTarget = currentTarget()): BackgroundLifetime {
  if (target.browser === 'chrome')
    return { kind: 'service-worker', suspendsWhenIdle: true, idleLimitMs: 30_000, hasDom: false };
  // Firefox MV3 backgrounds are always event pages; MV2 is persistent unless `persistent: false`
  // (WXT writes no `persistent` key, so an MV2 build would be persistent).
  if (target.manifestVersion === 3)
    return { kind: 'event-page', suspendsWhenIdle: true, idleLimitMs: 30_000, hasDom: true };
  return { kind: 'persistent-page', suspendsWhenIdle: false, idleLimitMs: null, hasDom: true };
}

export interface KeepAwakeOptions {
  /** A cheap extension API call; each call restarts the browser's idle timer. */
  ping: () => Promise<unknown>;
  /** Well under the 30 s idle limit. */
  intervalMs?: number;
  target?: PlatformTarget;
}

/**
 * Keep the background from being stopped while `work` runs (an enclave exchange over a WebSocket, a backup
 * being written), by calling an extension API every `intervalMs`. A no-op where the background is
 * persistent. Returns what `work` returns (or throws what it throws).
 */
export async function keepAwakeWhile<T>(work: () => Promise<T>, opts: KeepAwakeOptions): Promise<T> {
  if (!backgroundLifetime(opts.target).suspendsWhenIdle) return work();
  const timer = setInterval(() => {
    // A failed ping only means the idle timer was not reset this time.
    opts.ping().catch(() => {});
  }, opts.intervalMs ?? 20_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
