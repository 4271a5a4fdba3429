import { bytesToHex } from '@noble/hashes/utils.js';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import type { Db } from './db.ts';
import type { SealBinding, Sealer } from './sealing.ts';

/** The two primes of one pooled Paillier key. */
export interface PooledPrimes {
  p: bigint;
  q: bigint;
}
export interface PooledKey extends PooledPrimes {
  id: string;
}

const binding = (id: string): SealBinding => ({
  kind: 'paillier-pool',
  walletId: '',
  curve: 'secp256k1',
  pairId: id,
});

/**
 * Paillier keys made ahead of time, sealed at rest like shares (so a restart keeps them). `take` deletes the
 * row in the same transaction that reads it: a key is handed out at most once, whatever happens next.
 */
export class KeyPoolStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  get size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM paillier_pool').get() as { n: number }).n;
  }

  /** Id of the key `take` hands out next. */
  nextId(): string | undefined {
    const row = this.db.prepare('SELECT id FROM paillier_pool ORDER BY created_at, id LIMIT 1').get() as
      | { id: string }
      | undefined;
    return row?.id;
  }

  add(key: PooledPrimes): string {
    const id = `k-${bytesToHex(randomBytes(16))}`;
    const sealed = this.sealer.sealJson({ p: key.p.toString(16), q: key.q.toString(16) }, binding(id));
    this.db
      .prepare('INSERT INTO paillier_pool (id, sealed_key, created_at) VALUES (?, ?, ?)')
      .run(id, sealed, new Date().toISOString());
    return id;
  }

  /** A pooled key without removing it (to prepare its proofs' first messages). */
  peek(id: string): PooledKey | undefined {
    const row = this.db.prepare('SELECT id, sealed_key FROM paillier_pool WHERE id = ?').get(id) as
      | { id: string; sealed_key: Buffer }
      | undefined;
    return row ? this.open(row) : undefined;
  }

  private open(row: { id: string; sealed_key: Buffer }): PooledKey {
    const o = this.sealer.openJson(new Uint8Array(row.sealed_key), binding(row.id)) as {
      p: string;
      q: string;
    };
    return { id: row.id, p: BigInt(`0x${o.p}`), q: BigInt(`0x${o.q}`) };
  }

  /** The oldest pooled key, removed from the store; undefined when the pool is empty. */
  take(): PooledKey | undefined {
    return this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT id, sealed_key FROM paillier_pool ORDER BY created_at, id LIMIT 1')
        .get() as { id: string; sealed_key: Buffer } | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM paillier_pool WHERE id = ?').run(row.id);
      return this.open(row);
    })();
  }
}
