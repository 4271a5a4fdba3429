/** Shared set-up for the wallet's unit tests: a fake-indexeddb vault environment and the fake enclave. */
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  getAddress,
  hashMessage,
  parseEther,
  recoverAddress,
  recoverTransactionAddress,
  recoverTypedDataAddress,
  type TransactionSerializable,
} from 'viem';
import { expect } from 'vitest';
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

const TYPED = JSON.stringify({
  domain: { name: 'Twofold Test', version: '1', chainId: 31337 },
  types: {
    Mail: [
      { name: 'to', type: 'address' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  message: { to: '0x000000000000000000000000000000000000dEaD', contents: 'hello' },
});

const TX_1559: TransactionSerializable = {
  type: 'eip1559',
  chainId: 31337,
  nonce: 3,
  to: '0x000000000000000000000000000000000000dEaD',
  value: parseEther('0.01'),
  gas: 21000n,
  maxFeePerGas: 2_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
};
const TX_LEGACY: TransactionSerializable = {
  type: 'legacy',
  chainId: 31337,
  nonce: 1,
  to: '0x000000000000000000000000000000000000dEaD',
  value: 5n,
  gas: 21000n,
  gasPrice: 1_000_000_000n,
};

/** Sign one of each kind and check every signature recovers to / verifies under the wallet's addresses. */
export async function expectSignsAs(
  svc: WalletService,
  addresses: { evm: string; solana: string },
  opts: { quick?: boolean } = {},
) {
  const msg = new TextEncoder().encode('hello twofold');
  const sig = await svc.sign({ kind: 'personal', message: msg });
  expect(await recoverAddress({ hash: hashMessage({ raw: msg }), signature: sig })).toBe(
    getAddress(addresses.evm),
  );
  if (!opts.quick) {
    const tsig = await svc.sign({ kind: 'typedData', json: TYPED });
    expect(await recoverTypedDataAddress({ ...JSON.parse(TYPED), signature: tsig })).toBe(
      getAddress(addresses.evm),
    );
    for (const tx of [TX_1559, TX_LEGACY]) {
      const signed = await svc.sign({ kind: 'transaction', tx });
      expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(
        getAddress(addresses.evm),
      );
    }
  }
  const esig = await svc.sign({ kind: 'ed25519', message: msg });
  expect(ed25519.verify(esig, msg, base58Decode(addresses.solana), { zip215: false })).toBe(true);
}
