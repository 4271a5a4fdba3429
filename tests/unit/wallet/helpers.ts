/** Shared set-up for the wallet's unit tests: a fake-indexeddb vault environment and the fake enclave. */
import { type TestEnv, testEnv } from '../../../src/vault/test-env.ts';
import type { WalletHooks } from '../../../src/wallet/wallet-core.ts';
import { WalletService } from '../../../src/wallet/wallet-service.ts';
import type { FakeEnclave } from './fake-enclave.ts';

export const PASSWORD = 'correct horse battery staple';
export const BACKUP_PASSWORD = 'another long backup phrase';
export const IDENTITY = 'ab'.repeat(32);

export interface Device {
  env: TestEnv;
  /** A fresh service over the same IndexedDB and session store: what a restarted worker sees. */
  restart(hooks?: WalletHooks): WalletService;
}

export function device(enclave: FakeEnclave): Device {
  const env = testEnv();
  return {
    env,
    restart: (hooks) =>
      new WalletService({
        vault: env.open(),
        connect: (t) => {
          if (t.identityKey !== IDENTITY) throw new Error('pin');
          return enclave;
        },
        enclaveUrl: 'ws://127.0.0.1:1',
        enclaveIdentityKey: IDENTITY,
        backupKdf: { N: 1024, r: 8, p: 1 },
        ...(hooks ? { hooks } : {}),
      }),
  };
}

/** A hook that throws right after the given step of the given operation. */
export function crashAfter(op: string, step: string): WalletHooks {
  return {
    crashAfter: (o, s) => {
      if (o === op && s === step) throw new Error('injected crash');
    },
  };
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 decode of a 32-byte key (tests only). */
export function base58Decode(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) n = n * 58n + BigInt(B58.indexOf(ch));
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
