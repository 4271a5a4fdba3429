import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db.ts';
import { KeyPoolStore } from '../store/key-pool-store.ts';
import { loadOrCreateMasterKey, Sealer } from '../store/sealing.ts';
import { PaillierKeyPool } from './paillier-pool.ts';

const dirs: string[] = [];
const pools: PaillierKeyPool[] = [];
function open(dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-pool-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const db = openDatabase(dir);
  const store = new KeyPoolStore(
    db,
    new Sealer(loadOrCreateMasterKey(path.join(dir, 'master.key'), undefined)),
  );
  return { dir, db, store };
}
function pool(store: KeyPoolStore, opts: { target: number; prepareProofs?: boolean }) {
  // 512-bit keys keep the test fast; the pool's logic does not depend on the size. The keygen proofs'
  // first messages cost the same for any key size (fixed 2048-bit group): only one test makes them.
  const p = new PaillierKeyPool(store, { idleAfterMs: 0, keyBits: 512, prepareProofs: false, ...opts });
  pools.push(p);
  return p;
}
afterEach(() => {
  for (const p of pools.splice(0)) p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Paillier key pool', () => {
  it('fills to its target in the background, sealed at rest, and survives a restart', async () => {
    const a = open();
    const p = pool(a.store, { target: 2 });
    p.start();
    await p.whenReady();
    expect(p.size).toBe(2);
    const next = a.store.peek(a.store.nextId()!)!;
    p.stop();
    a.db.close();
    // Nothing readable at rest: neither prime appears in the database files.
    const files = ['enclave.sqlite', 'enclave.sqlite-wal']
      .map((f) => path.join(a.dir, f))
      .map((f) => {
        try {
          return readFileSync(f).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    expect(files).not.toContain(next.p.toString(16));
    expect(files).not.toContain(next.q.toString(16));
    // A restarted service finds the same keys.
    const b = open(a.dir);
    expect(b.store.size).toBe(2);
    const taken = pool(b.store, { target: 0 }).take();
    expect(taken.key.p).toBe(next.p);
    b.db.close();
  });

  it('hands every key out once, refills after a take, and generates on the spot when empty', async () => {
    const { store, db } = open();
    const p = pool(store, { target: 1 });
    const inline = p.take(); // empty pool, not started: made now
    expect(inline.key.n.toString(2)).toHaveLength(512);
    p.start();
    await p.whenReady();
    const seen = new Set<bigint>([inline.key.n]);
    for (let i = 0; i < 3; i++) {
      expect(p.size).toBe(1);
      const { key } = p.take();
      expect(p.size).toBe(0);
      expect(seen.has(key.n)).toBe(false);
      seen.add(key.n);
      await p.whenReady();
    }
    db.close();
  });

  it("prepares the keygen proofs' first messages for the next key only, single use", async () => {
    const { store, db } = open();
    const p = pool(store, { target: 1, prepareProofs: true });
    p.start();
    await p.whenReady();
    const first = p.take();
    expect(first.keyProofPrecomputation).toBeDefined();
    expect(first.keyProofPrecomputation!.pdl.take('test').n).toBe(first.key.n);
    expect(() => first.keyProofPrecomputation!.pdl.take('test')).toThrow(/already used/);
    p.stop();
    // A key taken before its first messages were made comes without them (the prover makes its own).
    expect(pool(store, { target: 1, prepareProofs: true }).take().keyProofPrecomputation).toBeUndefined();
    db.close();
  });

  it('does no work while protocol traffic was seen recently', async () => {
    const { store, db } = open();
    let t = 0;
    const p = new PaillierKeyPool(store, { target: 1, idleAfterMs: 300, keyBits: 512, now: () => t });
    pools.push(p);
    p.touch();
    p.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.size).toBe(0);
    t = 1000; // quiet long enough now
    await p.whenReady();
    expect(store.size).toBe(1);
    db.close();
  });
});
