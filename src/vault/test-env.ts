/** Shared set-up for the vault's unit tests (imported by *.test.ts only). */
// idb's wrappers test `instanceof IDBRequest` etc. against globals, so install them; each test still gets
// its own IDBFactory (its own set of databases).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { toBase64 } from './encoding.ts';
import type { ScryptParams } from './kdf.ts';
import { FakeAlarms, ManualClock, MemorySessionKeyStore } from './testing.ts';
import { Vault } from './vault.ts';

/** Low scrypt cost so the suite stays fast; one test runs the default N = 2^17 explicitly. */
export const TEST_KDF: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

export interface TestEnv {
  idb: IDBFactory;
  session: MemorySessionKeyStore;
  clock: ManualClock;
  alarms: FakeAlarms;
  /** A new Vault over the same IndexedDB and session store: what a restarted service worker sees. */
  open(opts?: { kdf?: ScryptParams }): Vault;
}

export function testEnv(): TestEnv {
  const idb = new IDBFactory();
  const session = new MemorySessionKeyStore();
  const clock = new ManualClock();
  const alarms = new FakeAlarms(clock);
  return {
    idb,
    session,
    clock,
    alarms,
    open: (opts = {}) =>
      new Vault({ sessionStore: session, alarms, clock, indexedDB: idb, kdf: opts.kdf ?? TEST_KDF }),
  };
}

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Every textual form of a secret that must never show up in an error or a log. */
export function secretForms(secret: Uint8Array | string): string[] {
  if (typeof secret === 'string') return [secret];
  const out = [hex(secret), hex(secret).toUpperCase(), toBase64(secret)];
  out.push(toBase64(secret).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
  out.push(Array.from(secret).join(','));
  return out;
}

/** All text reachable from a thrown value: message, stack, own properties, String(). */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const props = Object.getOwnPropertyNames(e).map((k) => {
    try {
      return `${k}=${String((e as unknown as Record<string, unknown>)[k])}`;
    } catch {
      return k;
    }
  });
  return [String(e), e.stack ?? '', JSON.stringify(e), ...props].join('\n');
}

/** Run `fn` and return what it threw (fails the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
