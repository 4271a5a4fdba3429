import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { FakeAlarms, ManualClock, MemorySessionKeyStore } from '../src/vault/testing.ts';
import { Vault } from '../src/vault/vault.ts';
import type { Bench } from './harness.ts';

/**
 * Unlock in Node: scrypt at the default N = 2^17, r = 8, p = 1 (asyncTick-yielding), unwrap of the vault
 * key, then opening one sealed share record. IndexedDB is fake-indexeddb here; the Chromium figure
 * `vault.unlock` comes from the e2e harness.
 */
export const prefix = 'vault';

export async function run(bench: Bench): Promise<void> {
  const clock = new ManualClock(Date.now());
  const vault = new Vault({
    sessionStore: new MemorySessionKeyStore(),
    alarms: new FakeAlarms(clock),
    clock,
    indexedDB: new IDBFactory(),
  });
  const password = 'bench password 123';
  const ref = { walletId: 'bench', curve: 'secp256k1' as const, pairId: 'p1', kind: 'client-share' };
  await vault.createVault(password);
  await vault.shares.put(ref, new Uint8Array(512).fill(1));
  await bench.time(
    'vault.unlock.node',
    5,
    async () => {
      await vault.lock();
      await vault.unlock(password);
      const share = await vault.shares.get(ref);
      if (share?.plaintext.length !== 512) throw new Error('bench: share did not open');
      share.plaintext.fill(0);
    },
    { warmup: 1, note: 'scrypt N=2^17 r=8 p=1 + unwrap + 1 record, Node, fake-indexeddb' },
  );
  await vault.close();
}
