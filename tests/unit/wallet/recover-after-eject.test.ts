/**
 * Recovery of a wallet whose key another device exported (SPEC §4.5 + §4.7), with the fake enclave: the
 * recovering device co-signs but warns permanently ("exported elsewhere"), distinct from keyExported
 * (which means "this device holds the full key"), and its health check is not ok.
 */
import { describe, expect, it } from 'vitest';
import type { WalletService } from '../../../src/wallet/wallet-service.ts';
import { FakeEnclave } from './fake-enclave.ts';
import { BACKUP_PASSWORD, crashAfter, device, expectSignsAs, PASSWORD } from './helpers.ts';

const NEW_PASSWORD = 'new password 123';

/** Device A: a wallet with a verified backup file made before anything else happens. */
async function walletWithBackup(enclave: FakeEnclave) {
  const a = device(enclave);
  const phone = a.restart();
  const addr = await phone.generateWallet(PASSWORD);
  const { fileText } = await phone.backupWallet(BACKUP_PASSWORD);
  await phone.verifyBackup(fileText, BACKUP_PASSWORD);
  return { a, phone, addr, fileText };
}

async function eject(svc: WalletService): Promise<void> {
  await svc.requestEject();
  await svc.eject();
}

const failing = async (svc: WalletService) =>
  (await svc.checkHealth()).checks.filter((c) => !c.ok).map((c) => c.id);

describe('recovery after an eject on another device', () => {
  it('the recover response flags it: B warns from the start, still co-signs, health not ok', async () => {
    const enclave = new FakeEnclave();
    const { a, phone, addr, fileText } = await walletWithBackup(enclave);
    await eject(phone);

    const b = device(enclave);
    const laptop = b.restart();
    expect(await laptop.recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    // Before any status query: the flag came with the recovery itself.
    expect(enclave.calls.filter((c) => c === 'status')).toEqual([]);
    expect(await laptop.status()).toMatchObject({
      keyExported: false,
      exportedKeysShown: false,
      keyExportedElsewhere: true,
    });
    await expectSignsAs(laptop, addr, { quick: true });
    expect(await failing(laptop)).toEqual(['key-exported-elsewhere']);
    expect((await laptop.checkHealth()).checks.find((c) => c.id === 'key-exported-elsewhere')?.message).toBe(
      "This wallet's key was exported on another device: move your funds to a new wallet.",
    );
    // Permanent across workers; eject on B stays possible (B is a normal two-party wallet otherwise).
    const again = b.restart();
    await again.start();
    expect((await again.status()).keyExportedElsewhere).toBe(true);
    // The device that exported keeps its own meaning of the flag.
    expect(await a.restart().status()).toMatchObject({ keyExported: true, keyExportedElsewhere: false });
  });

  it('no eject → no flag, healthy', async () => {
    const enclave = new FakeEnclave();
    const { addr, fileText } = await walletWithBackup(enclave);
    const laptop = device(enclave).restart();
    expect(await laptop.recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    expect((await laptop.status()).keyExportedElsewhere).toBe(false);
    expect(await failing(laptop)).toEqual([]);
    expect((await laptop.status()).keyExportedElsewhere).toBe(false);
  });

  it('an enclave that does not report it yet (older build): the health check learns it from the pair statuses', async () => {
    const enclave = new FakeEnclave();
    enclave.reportsKeyExported = false;
    const { phone, addr, fileText } = await walletWithBackup(enclave);
    await eject(phone);
    const laptop = device(enclave).restart();
    expect(await laptop.recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    expect((await laptop.status()).keyExportedElsewhere).toBe(false);
    expect(await failing(laptop)).toEqual(['key-exported-elsewhere']);
    // Recorded, so the popup keeps warning without another health check.
    expect((await laptop.status()).keyExportedElsewhere).toBe(true);
    expect((await laptop.status()).keyExported).toBe(false);
  });

  it('A ejects between B’s recovery and its confirmation: B’s health check finds it and records it', async () => {
    const enclave = new FakeEnclave();
    const { phone, addr, fileText } = await walletWithBackup(enclave);
    const b = device(enclave);
    await expect(
      b.restart(crashAfter('recover', 'stored')).recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD),
    ).rejects.toThrow();
    // A's device key is still registered until B confirms: A can still eject.
    await eject(phone);
    const laptop = b.restart();
    await laptop.start();
    await laptop.unlock(NEW_PASSWORD);
    expect((await laptop.status()).pendingOperations).toBe(0);
    await expectSignsAs(laptop, addr, { quick: true });
    // The recover response came before the eject: nothing told B yet.
    expect((await laptop.status()).keyExportedElsewhere).toBe(false);
    expect(await failing(laptop)).toEqual(['key-exported-elsewhere']);
    expect((await laptop.status()).keyExportedElsewhere).toBe(true);
  });
});
