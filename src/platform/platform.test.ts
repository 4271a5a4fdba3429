import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectiveAlarmDelayMinutes, oneShotAlarms } from './alarms.ts';
import { focusApprovalSurface, onApprovalSurfaceClosed, openApprovalSurface } from './approval-surface.ts';
import { backgroundLifetime, keepAwakeWhile } from './background-lifetime.ts';
import { memorySessionArea, sessionArea } from './session-storage.ts';
import type { PlatformTarget } from './target.ts';

const CHROME: PlatformTarget = { browser: 'chrome', manifestVersion: 3 };
const FIREFOX: PlatformTarget = { browser: 'firefox', manifestVersion: 3 };
const FIREFOX_MV2: PlatformTarget = { browser: 'firefox', manifestVersion: 2 };

afterEach(() => {
  vi.useRealTimers();
});

describe('background lifetime', () => {
  it('is a service worker in Chrome, an event page in Firefox MV3, persistent in Firefox MV2', () => {
    expect(backgroundLifetime(CHROME)).toMatchObject({ kind: 'service-worker', hasDom: false });
    expect(backgroundLifetime(FIREFOX)).toMatchObject({ kind: 'event-page', suspendsWhenIdle: true });
    expect(backgroundLifetime(FIREFOX_MV2)).toMatchObject({ kind: 'persistent-page', idleLimitMs: null });
  });

  it('keepAwakeWhile pings below the idle limit while the work runs, and stops after', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(async () => {});
    let finish!: (v: string) => void;
    const done = keepAwakeWhile(() => new Promise<string>((r) => (finish = r)), {
      ping,
      intervalMs: 10_000,
      target: FIREFOX,
    });
    await vi.advanceTimersByTimeAsync(35_000);
    expect(ping).toHaveBeenCalledTimes(3);
    finish('signed');
    expect(await done).toBe('signed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('keepAwakeWhile passes the error through, survives a failing ping, and does nothing when persistent', async () => {
    vi.useFakeTimers();
    const failing = vi.fn(async () => {
      throw new Error('ping failed');
    });
    const work = keepAwakeWhile(
      async () => {
        await new Promise((r) => setTimeout(r, 25_000));
        throw new Error('enclave gone');
      },
      { ping: failing, intervalMs: 10_000, target: CHROME },
    );
    const settled = work.catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(await settled).toBe('enclave gone');
    expect(failing).toHaveBeenCalledTimes(2);

    const ping = vi.fn(async () => {});
    const quick = keepAwakeWhile(() => new Promise((r) => setTimeout(() => r(1), 50_000)), {
      ping,
      intervalMs: 10_000,
      target: FIREFOX_MV2,
    });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(await quick).toBe(1);
    expect(ping).not.toHaveBeenCalled();
  });
});

describe('session storage', () => {
  it("uses the browser's storage.session when present", async () => {
    const store = new Map<string, unknown>();
    const session = {
      get: vi.fn(async (k: string) => (store.has(k) ? { [k]: store.get(k) } : {})),
      set: vi.fn(async (v: Record<string, unknown>) => {
        for (const [k, x] of Object.entries(v)) store.set(k, x);
      }),
      remove: vi.fn(async (k: string) => {
        store.delete(k);
      }),
    };
    const area = sessionArea({ session });
    expect(area.survivesBackgroundStop).toBe(true);
    await area.set({ a: 'x' });
    expect(await area.get('a')).toEqual({ a: 'x' });
    await area.remove('a');
    expect(await area.get('a')).toEqual({});
    expect(session.set).toHaveBeenCalledTimes(1);
  });

  it('falls back to memory (lost with the background) where storage.session is missing', async () => {
    const area = sessionArea({});
    expect(area.survivesBackgroundStop).toBe(false);
    await area.set({ k: 1 });
    expect(await area.get('k')).toEqual({ k: 1 });
    expect(await memorySessionArea().get('k')).toEqual({});
  });
});

describe('alarms', () => {
  it('reports the delay Chrome really uses (≥ 30 s) and passes Firefox delays through', async () => {
    expect(effectiveAlarmDelayMinutes(0.1, CHROME)).toBe(0.5);
    expect(effectiveAlarmDelayMinutes(5, CHROME)).toBe(5);
    expect(effectiveAlarmDelayMinutes(0.1, FIREFOX)).toBe(0.1);
    const listeners = new Set<(a: { name: string }) => void>();
    const api = {
      create: vi.fn(),
      clear: vi.fn(async () => true),
      onAlarm: {
        addListener: (cb: (a: { name: string }) => void) => listeners.add(cb),
        removeListener: (cb: (a: { name: string }) => void) => listeners.delete(cb),
      },
    };
    const alarms = oneShotAlarms(api, CHROME);
    await alarms.create('auto-lock', 0.2);
    expect(api.create).toHaveBeenCalledWith('auto-lock', { delayInMinutes: 0.5 });
    await alarms.clear('auto-lock');
    expect(api.clear).toHaveBeenCalledWith('auto-lock');
    const fired: string[] = [];
    const stop = alarms.onFired((n) => fired.push(n));
    for (const l of listeners) l({ name: 'auto-lock' });
    stop();
    for (const l of listeners) l({ name: 'later' });
    expect(fired).toEqual(['auto-lock']);
  });
});

describe('approval surfaces', () => {
  function fakeApis(withWindows: boolean) {
    const calls: string[] = [];
    const closed: { windows: ((id: number) => void)[]; tabs: ((id: number) => void)[] } = {
      windows: [],
      tabs: [],
    };
    const windows = {
      create: vi.fn(async (info: { url: string; type: 'popup'; width: number; height: number }) => {
        calls.push(`window ${info.type} ${info.width}x${info.height} ${info.url}`);
        return { id: 7 };
      }),
      update: vi.fn(async (id: number) => calls.push(`focus window ${id}`)),
      onRemoved: {
        addListener: (cb: (id: number) => void) => closed.windows.push(cb),
        removeListener: (cb: (id: number) => void) => closed.windows.splice(closed.windows.indexOf(cb), 1),
      },
    };
    const tabs = {
      create: vi.fn(async (info: { url: string; active: boolean }) => {
        calls.push(`tab ${info.url}`);
        return { id: 42 };
      }),
      update: vi.fn(async (id: number) => calls.push(`activate tab ${id}`)),
      onRemoved: {
        addListener: (cb: (id: number) => void) => closed.tabs.push(cb),
        removeListener: (cb: (id: number) => void) => closed.tabs.splice(closed.tabs.indexOf(cb), 1),
      },
    };
    return { api: withWindows ? { windows, tabs } : { tabs }, calls, closed };
  }

  it('opens a popup window of its own on desktop, and focuses it', async () => {
    const { api, calls } = fakeApis(true);
    const s = await openApprovalSurface(api, 'moz-extension://u/approval.html');
    expect(s).toEqual({ kind: 'window', id: 7 });
    await focusApprovalSurface(api, s);
    expect(calls).toEqual(['window popup 420x680 moz-extension://u/approval.html', 'focus window 7']);
  });

  it('falls back to a tab without the windows API (Firefox for Android), and reports closing', async () => {
    const { api, calls, closed } = fakeApis(false);
    const s = await openApprovalSurface(api, 'moz-extension://u/approval.html');
    expect(s).toEqual({ kind: 'tab', id: 42 });
    await focusApprovalSurface(api, s);
    expect(calls).toEqual(['tab moz-extension://u/approval.html', 'activate tab 42']);
    const seen: unknown[] = [];
    const stop = onApprovalSurfaceClosed(api, (x) => seen.push(x));
    for (const cb of closed.tabs) cb(42);
    expect(seen).toEqual([{ kind: 'tab', id: 42 }]);
    stop();
    expect(closed.tabs).toEqual([]);
  });
});
