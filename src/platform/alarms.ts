import { currentTarget, type PlatformTarget } from './target.ts';

/** The part of `browser.alarms` the wallet uses. */
export interface AlarmsApiLike {
  create(name: string, info: { delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
  onAlarm: {
    addListener(cb: (alarm: { name: string }) => void): void;
    removeListener(cb: (alarm: { name: string }) => void): void;
  };
}

/**
 * The shortest delay the browser honours. Chrome (≥ 120) raises anything below 30 s to 30 s in a packed
 * extension; Firefox fires alarms at the delay asked for.
 */
export function minimumAlarmDelayMinutes(target: PlatformTarget = currentTarget()): number {
  return target.browser === 'chrome' ? 0.5 : 0;
}

/** The delay the alarm will really fire after, so callers (auto-lock) can show the user the truth. */
export function effectiveAlarmDelayMinutes(
  minutes: number,
  target: PlatformTarget = currentTarget(),
): number {
  return Math.max(minutes, minimumAlarmDelayMinutes(target));
}

/** One-shot named alarms; alarms wake a stopped background in both browsers. */
export function oneShotAlarms(api: AlarmsApiLike, target: PlatformTarget = currentTarget()) {
  return {
    async create(name: string, delayMinutes: number): Promise<void> {
      await api.create(name, { delayInMinutes: effectiveAlarmDelayMinutes(delayMinutes, target) });
    },
    async clear(name: string): Promise<void> {
      await api.clear(name);
    },
    /** Listen for alarms by name; returns the function that stops listening. */
    onFired(listener: (name: string) => void): () => void {
      const cb = (alarm: { name: string }) => listener(alarm.name);
      api.onAlarm.addListener(cb);
      return () => api.onAlarm.removeListener(cb);
    },
  };
}
