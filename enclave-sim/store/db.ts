import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The enclave's embedded store: SQLite (better-sqlite3 12) in WAL mode under the data dir, with numbered
 * migrations recorded in `migrations`. Every state change runs in one transaction (see wallet-store.ts).
 */
export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE wallets (
     id TEXT PRIMARY KEY,
     device_key BLOB NOT NULL,
     recovery_key BLOB NOT NULL,
     ejectable_until TEXT,
     ejectable_from TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE pairs (
     id TEXT PRIMARY KEY,
     wallet_id TEXT NOT NULL REFERENCES wallets(id),
     curve TEXT NOT NULL CHECK (curve IN ('secp256k1','ed25519')),
     kind TEXT NOT NULL CHECK (kind IN ('signing','backup')),
     purpose TEXT NOT NULL CHECK (purpose IN ('keygen','refresh','backup','recovery')),
     status TEXT NOT NULL CHECK (status IN ('STORED_ENCLAVE','STORED_CLIENT','STORED_CLIENT_BACKUP_SHARE',
       'EJECT_PENDING','REVOKED','LOCKED','EJECTED')),
     public_key BLOB NOT NULL,
     sealed_share BLOB,
     derived_from TEXT,
     pending_device_key BLOB,
     eject_released_at TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     expires_at TEXT
   );
   CREATE INDEX pairs_by_wallet ON pairs(wallet_id, curve, status);
   CREATE TABLE status_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     wallet_id TEXT NOT NULL,
     pair_id TEXT,
     event TEXT NOT NULL,
     from_status TEXT,
     to_status TEXT,
     at TEXT NOT NULL
   );
   CREATE TABLE enclave_setup (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     sealed_pedersen BLOB NOT NULL,
     pedersen_public TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // Paillier keys made in idle time (SPEC §5.1: never reused; a row is deleted when it is taken).
  `CREATE TABLE paillier_pool (
     id TEXT PRIMARY KEY,
     sealed_key BLOB NOT NULL,
     created_at TEXT NOT NULL
   );`,
];

export function openDatabase(dataDir: string): Db {
  const db = new Database(path.join(dataDir, 'enclave.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  for (let v = current + 1; v <= MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v - 1]!);
      db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(
        v,
        new Date().toISOString(),
      );
    })();
  }
}

export function integrityCheck(db: Db): string {
  return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
}
