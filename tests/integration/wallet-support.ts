/** Shared set-up of the wallet integration tests (not a test file): real enclave-sim, fake-indexeddb vaults. */
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { getAddress, hashMessage, recoverAddress } from 'viem';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import { type TestEnv, testEnv } from '../../src/vault/test-env.ts';
import { enclaveConnector, settingsPins } from '../../src/wallet/enclave-connector.ts';
import type { WalletHooks } from '../../src/wallet/wallet-core.ts';
import { WalletService } from '../../src/wallet/wallet-service.ts';
import { type RunningEnclave, startEnclave } from '../harness/enclave.ts';
import { ROOT } from '../harness/processes.ts';

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

/** Hooks that kill the worker right after `step` of operation `op` (the fault-injection tests). */
export function crash(op: string, step: string): WalletHooks {
  return {
    crashAfter: (o, s) => {
      if (o === op && s === step) throw new Error('injected crash');
    },
  };
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The ed25519 public key a Solana address spells (base58 of 32 bytes). */
export function solanaKey(address: string): Uint8Array {
  let n = 0n;
  for (const ch of address) n = n * 58n + BigInt(B58.indexOf(ch));
  return Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));
}

/** The service signs as the wallet's addresses on both curves (viem recovers the EVM one, noble verifies). */
export async function signsAs(svc: WalletService, addr: { evm: string; solana: string }): Promise<void> {
  const msg = new TextEncoder().encode('after the crash');
  const sig = await svc.sign({ kind: 'personal', message: msg });
  expect(await recoverAddress({ hash: hashMessage({ raw: msg }), signature: sig })).toBe(
    getAddress(addr.evm),
  );
  const es = await svc.sign({ kind: 'ed25519', message: msg });
  expect(ed25519.verify(es, msg, solanaKey(addr.solana), { zip215: false })).toBe(true);
}
