import { ed25519 } from '@noble/curves/ed25519.js';
import { getAddress, hashMessage, recoverAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import type { WalletHooks } from '../../src/wallet/wallet-core.ts';
import type { WalletService } from '../../src/wallet/wallet-service.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { BACKUP_PASSWORD, type Device, device, PASSWORD, startWalletEnclave } from './wallet-support.ts';

/**
 * Fault injection against the real enclave-sim: abort after each step k of generate / refresh / backup /
 * recover, restart the service over the same IndexedDB, and check the wallet still signs with the same
 * addresses (the enclave's own pair statuses decide what can sign).
 */
const crash = (op: string, step: string): WalletHooks => ({
  crashAfter: (o, s) => {
    if (o === op && s === step) throw new Error('injected crash');
  },
});

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function solanaKey(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) n = n * 58n + BigInt(B58.indexOf(ch));
  return Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));
}

async function signsAs(svc: WalletService, addr: { evm: string; solana: string }) {
  const msg = new TextEncoder().encode('after the crash');
  const sig = await svc.sign({ kind: 'personal', message: msg });
  expect(await recoverAddress({ hash: hashMessage({ raw: msg }), signature: sig })).toBe(
    getAddress(addr.evm),
  );
  const es = await svc.sign({ kind: 'ed25519', message: msg });
  expect(ed25519.verify(es, msg, solanaKey(addr.solana), { zip215: false })).toBe(true);
}

async function restart(d: Device): Promise<WalletService> {
  const svc = d.restart();
  await svc.start();
  return svc;
}

// Each step runs a key generation or recovery with all proofs: allow for a loaded machine.
describe('fault injection with the real enclave: every step k, restart, same addresses sign', {
  timeout: 300_000,
}, () => {
  let enclave: RunningEnclave;
  let phone: Device;
  let addr: WalletAddresses;
  let file: string;

  beforeAll(async () => {
    enclave = await startWalletEnclave();
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  for (const k of ['keys', 'dkg', 'stored'])
    it(`generate: crash after ${k}`, async () => {
      const d = device(enclave);
      await expect(d.restart(crash('generate', k)).generateWallet(PASSWORD)).rejects.toThrow();
      const svc = await restart(d);
      const st = await svc.status();
      expect(st.pendingOperations).toBe(0);
      if (k === 'stored') {
        expect(st.addresses).toBeDefined();
        await signsAs(svc, st.addresses!);
      } else expect(st.state).toBe('no-wallet');
      if (k === 'stored') {
        phone = d;
        addr = st.addresses!;
      }
    });

  for (const k of ['begun', 'dkg', 'stored', 'done'])
    it(`refresh: crash after ${k}`, async () => {
      const r = phone.restart(crash('refresh', k)).refreshSigningSharePairs();
      await expect(r).rejects.toThrow();
      const svc = await restart(phone);
      expect((await svc.status()).pendingOperations).toBe(0);
      await signsAs(svc, addr);
    });

  for (const k of ['begun', 'created', 'sealed'])
    it(`backup: crash after ${k}`, async () => {
      await expect(phone.restart(crash('backup', k)).backupWallet(BACKUP_PASSWORD)).rejects.toThrow();
      const svc = await restart(phone);
      expect((await svc.status()).pendingOperations).toBe(0);
      await signsAs(svc, addr);
    });

  it('backup completes after the crashes and verifies', async () => {
    const svc = await restart(phone);
    file = (await svc.backupWallet(BACKUP_PASSWORD)).fileText;
    expect((await svc.verifyBackup(file, BACKUP_PASSWORD)).status).toBe('verified');
  });

  for (const k of ['begun', 'dkg', 'stored'])
    it(`recover on a new device: crash after ${k}`, async () => {
      const laptop = device(enclave);
      await expect(
        laptop.restart(crash('recover', k)).recoverWallet(file, BACKUP_PASSWORD, PASSWORD),
      ).rejects.toThrow();
      let svc = await restart(laptop);
      expect((await svc.status()).pendingOperations).toBe(0);
      if (k !== 'stored') {
        // The backup shares never entered the vault: the file is asked for again.
        expect((await svc.status()).addresses).toBeUndefined();
        await svc.recoverWallet(file, BACKUP_PASSWORD, PASSWORD);
        svc = await restart(laptop);
      }
      expect((await svc.status()).addresses).toEqual(addr);
      await signsAs(svc, addr);
    });
});
