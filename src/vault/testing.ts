/** In-memory fakes of the vault's ports for unit tests (also usable by the wallet's tests). */
import type { AlarmScheduler, Clock, SessionKeyStore } from './ports.ts';

/** Stands in for storage.session: survives a new Vault instance as long as the same object is passed. */
export class MemorySessionKeyStore implements SessionKeyStore {
  value: string | undefined;
  async get() {
    return this.value;
  }
  async set(value: string) {
    this.value = value;
  }
  async clear() {
    this.value = undefined;
  }
}

export class FakeAlarms implements AlarmScheduler {
  /** name → absolute due time (ms) on the given clock. */
  readonly due = new Map<string, number>();
  constructor(private readonly clock: Clock) {}
  async create(name: string, delayMinutes: number) {
    this.due.set(name, this.clock.now() + delayMinutes * 60_000);
  }
  async clear(name: string) {
    this.due.delete(name);
  }
  /** Names of alarms due at the clock's current time (removed, as one-shot alarms are). */
  takeDue(): string[] {
    const now = this.clock.now();
    const names = [...this.due].filter(([, t]) => t <= now).map(([n]) => n);
    for (const n of names) this.due.delete(n);
    return names;
  }
}

export class ManualClock implements Clock {
  constructor(public time = 1_700_000_000_000) {}
  now() {
    return this.time;
  }
  advance(ms: number) {
    this.time += ms;
  }
}
