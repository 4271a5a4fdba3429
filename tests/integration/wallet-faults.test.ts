import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import {
  BACKUP_PASSWORD,
  crashAfter,
  type Device,
  device,
  PASSWORD,
  restarted,
  signsAs,
  startWalletEnclave,
} from './wallet-support.ts';

/**
 * Fault injection against the real enclave-sim: abort after each step k of generate / refresh / backup /
 * recover, restart the service over the same IndexedDB, and check the wallet still signs with the same
 * addresses (the enclave's own pair statuses decide what can sign).
 */

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
      await expect(d.restart(crashAfter('generate', k)).generateWallet(PASSWORD)).rejects.toThrow();
      const svc = await restarted(d);
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
      const r = phone.restart(crashAfter('refresh', k)).refreshSigningSharePairs();
      await expect(r).rejects.toThrow();
      const svc = await restarted(phone);
      expect((await svc.status()).pendingOperations).toBe(0);
      await signsAs(svc, addr);
    });

  for (const k of ['begun', 'created', 'sealed'])
    it(`backup: crash after ${k}`, async () => {
      await expect(phone.restart(crashAfter('backup', k)).backupWallet(BACKUP_PASSWORD)).rejects.toThrow();
      const svc = await restarted(phone);
      expect((await svc.status()).pendingOperations).toBe(0);
      await signsAs(svc, addr);
    });

  it('backup completes after the crashes and verifies', async () => {
    const svc = await restarted(phone);
    file = (await svc.backupWallet(BACKUP_PASSWORD)).fileText;
    expect((await svc.verifyBackup(file, BACKUP_PASSWORD)).status).toBe('verified');
  });

  for (const k of ['begun', 'dkg', 'stored'])
    it(`recover on a new device: crash after ${k}`, async () => {
      const laptop = device(enclave);
      await expect(
        laptop.restart(crashAfter('recover', k)).recoverWallet(file, BACKUP_PASSWORD, PASSWORD),
      ).rejects.toThrow();
      let svc = await restarted(laptop);
      expect((await svc.status()).pendingOperations).toBe(0);
      if (k !== 'stored') {
        // The backup shares never entered the vault: the file is asked for again.
        expect((await svc.status()).addresses).toBeUndefined();
        await svc.recoverWallet(file, BACKUP_PASSWORD, PASSWORD);
        svc = await restarted(laptop);
      }
      expect((await svc.status()).addresses).toEqual(addr);
      await signsAs(svc, addr);
    });
});
