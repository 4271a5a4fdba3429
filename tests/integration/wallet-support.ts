/** Shared set-up of the wallet integration tests (not a test file): real enclave-sim, fake-indexeddb vaults. */
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import { type TestEnv, testEnv } from '../../src/vault/test-env.ts';
import { enclaveConnector, settingsPins } from '../../src/wallet/enclave-connector.ts';
import type { WalletHooks } from '../../src/wallet/wallet-core.ts';
import { WalletService } from '../../src/wallet/wallet-service.ts';
import { type RunningEnclave, startEnclave } from '../harness/enclave.ts';
import { ROOT } from '../harness/processes.ts';
import { expectSignsAs } from '../unit/wallet/helpers.ts';

// The unit tests' helpers need no fake enclave, so they serve here as well.
export { base58Decode, crashAfter } from '../unit/wallet/helpers.ts';

export const PASSWORD = 'correct horse battery staple';
export const BACKUP_PASSWORD = 'another long backup phrase';
export const NEW_PASSWORD = 'new device password 42';

/** The enclave as a user meets it (no raw digests), with fixture safe primes so start-up is quick. */
export function startWalletEnclave(): Promise<RunningEnclave> {
  return startEnclave({ args: ['--dev-safe-primes', path.join(ROOT, 'tests/fixtures/safe-primes.json')] });
}

export interface Device {
  env: TestEnv;
  restart(hooks?: WalletHooks): WalletService;
}

/** A browser profile: its own IndexedDB and storage.session; `restart` is a new worker over the same. */
export function device(
  enclave: { url: string; identityKey: string },
  opts: { webSocket?: WebSocketFactory } = {},
): Device {
  const env = testEnv();
  const webSocket: WebSocketFactory = opts.webSocket ?? ((u) => new WebSocket(u) as never);
  return {
    env,
    restart: (hooks) => {
      const vault = env.open();
      return new WalletService({
        vault,
        connect: enclaveConnector({ webSocket, timeoutMs: 60_000, pins: settingsPins(vault.settings) }),
        enclaveUrl: enclave.url,
        enclaveIdentityKey: enclave.identityKey,
        backupKdf: { N: 1024, r: 8, p: 1 },
        ...(hooks ? { hooks } : {}),
      });
    },
  };
}

/** A new worker over the same profile, started: whatever an earlier one left pending is resolved first. */
export async function restarted(d: Device): Promise<WalletService> {
  const svc = d.restart();
  await svc.start();
  return svc;
}

/** The service signs as the wallet's addresses on both curves (viem recovers the EVM one, noble verifies). */
export const signsAs = (svc: WalletService, addr: { evm: string; solana: string }): Promise<void> =>
  expectSignsAs(svc, addr, { quick: true });

/** The enclave's own view (its SQLite store, read-only): statuses of the wallet's signing pairs. */
export function signingPairStatuses(enclave: RunningEnclave, walletId: string): string[] {
  const db = new Database(path.join(enclave.dataDir, 'enclave.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare("SELECT status FROM pairs WHERE wallet_id = ? AND kind = 'signing' ORDER BY status")
      .all(walletId) as { status: string }[];
    return rows.map((r) => r.status);
  } finally {
    db.close();
  }
}
