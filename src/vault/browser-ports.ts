/**
 * Adapters from the WebExtension APIs to the vault's ports. Typed structurally so this file needs no import
 * of `wxt/browser`; the background calls `sessionKeyStoreFrom(browser.storage.session)` and
 * `alarmSchedulerFrom(browser.alarms)`, and forwards `browser.alarms.onAlarm` to `vault.handleAlarm(name)`.
 */
import type { AlarmScheduler, SessionKeyStore } from './ports.ts';

export interface SessionStorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface AlarmsLike {
  create(name: string, alarmInfo: { delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}

export const SESSION_KEY_ITEM = 'twofold.vault.session';

export function sessionKeyStoreFrom(area: SessionStorageAreaLike, item = SESSION_KEY_ITEM): SessionKeyStore {
  return {
    async get() {
      const v = (await area.get(item))[item];
      return typeof v === 'string' ? v : undefined;
    },
    async set(value) {
      await area.set({ [item]: value });
    },
    async clear() {
      await area.remove(item);
    },
  };
}

export function alarmSchedulerFrom(alarms: AlarmsLike): AlarmScheduler {
  return {
    async create(name, delayMinutes) {
      await alarms.create(name, { delayInMinutes: delayMinutes });
    },
    async clear(name) {
      await alarms.clear(name);
    },
  };
}
