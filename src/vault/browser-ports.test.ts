import { describe, expect, it } from 'vitest';
import { alarmSchedulerFrom, SESSION_KEY_ITEM, sessionKeyStoreFrom } from './browser-ports.ts';

describe('browser adapters', () => {
  it('session store maps to one storage.session item', async () => {
    const items: Record<string, unknown> = {};
    const area = {
      async get(k: string) {
        return k in items ? { [k]: items[k] } : {};
      },
      async set(o: Record<string, unknown>) {
        Object.assign(items, o);
      },
      async remove(k: string) {
        delete items[k];
      },
    };
    const s = sessionKeyStoreFrom(area);
    expect(await s.get()).toBeUndefined();
    await s.set('v');
    expect(items).toEqual({ [SESSION_KEY_ITEM]: 'v' });
    expect(await s.get()).toBe('v');
    await s.clear();
    expect(items).toEqual({});
  });

  it('alarms map to delayInMinutes', async () => {
    const calls: unknown[] = [];
    const a = alarmSchedulerFrom({
      create: (name, info) => void calls.push(['create', name, info]),
      clear: async (name) => {
        calls.push(['clear', name]);
        return true;
      },
    });
    await a.create('x', 15);
    await a.clear('x');
    expect(calls).toEqual([
      ['create', 'x', { delayInMinutes: 15 }],
      ['clear', 'x'],
    ]);
  });
});

// Compile-time check (never run) that WXT's real `browser` fits the adapters' structural types.
const wxtBrowserFits = (b: import('wxt/browser').WxtBrowser) => [
  sessionKeyStoreFrom(b.storage.session),
  alarmSchedulerFrom(b.alarms),
];
void wxtBrowserFits;
