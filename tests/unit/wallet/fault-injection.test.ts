import { describe, expect, it } from 'vitest';
import { FakeEnclave } from './fake-enclave.ts';
import { BACKUP_PASSWORD, crashAfter, device, expectSignsAs, PASSWORD } from './helpers.ts';

/**
 * Abort after each durable step k of generate / refresh / backup / recover (the hook throws where a killed
 * worker would stop), restart the service over the same IndexedDB, and check the wallet still signs with the
 * same addresses and no journal entry is left. Restarts happen both unlocked (resolved at start) and locked
 * (resolved at unlock).
 */
const QUICK = { quick: true };

const STEPS = {
  generate: ['keys', 'dkg', 'stored', 'done'],
  refresh: ['begun', 'dkg', 'stored', 'done'],
  backup: ['begun', 'created', 'sealed', 'done'],
  recover: ['begun', 'dkg', 'stored', 'done'],
} as const;

async function restartAndSettle(d: ReturnType<typeof device>, locked: boolean) {
  let svc = d.restart();
  if (locked) {
    await svc.lock();
    svc = d.restart();
    await svc.start();
    if ((await svc.status()).state !== 'no-wallet') await svc.unlock(PASSWORD);
  } else await svc.start();
  return svc;
}

describe('fault injection: a crash after any step leaves a wallet that signs with the same addresses', () => {
  for (const locked of [false, true]) {
    const mode = locked ? 'restart locked' : 'restart unlocked';

    for (const k of STEPS.generate)
      it(`generate, crash after ${k} (${mode})`, async () => {
        const enclave = new FakeEnclave();
        const d = device(enclave);
        await expect(d.restart(crashAfter('generate', k)).generateWallet(PASSWORD)).rejects.toThrow();
        const svc = await restartAndSettle(d, locked);
        const st = await svc.status();
        expect(st.pendingOperations).toBe(0);
        if (k === 'keys' || k === 'dkg') {
          // Nothing was stored: discarded, and a fresh generation works.
          expect(st.state).toBe('no-wallet');
          const addr = await svc.generateWallet(PASSWORD);
          await expectSignsAs(svc, addr, QUICK);
        } else {
          expect(st.addresses).toBeDefined();
          const signing = [...enclave.pairs.values()].filter((p) => p.info.status === 'STORED_CLIENT');
          expect(signing).toHaveLength(2);
          await expectSignsAs(svc, st.addresses!, QUICK);
        }
      });

    for (const k of STEPS.refresh)
      it(`refresh, crash after ${k} (${mode})`, async () => {
        const enclave = new FakeEnclave();
        const d = device(enclave);
        const addr = await d.restart().generateWallet(PASSWORD);
        await expect(d.restart(crashAfter('refresh', k)).refreshSigningSharePairs()).rejects.toThrow();
        const svc = await restartAndSettle(d, locked);
        expect((await svc.status()).pendingOperations).toBe(0);
        await expectSignsAs(svc, addr, QUICK);
        // Exactly one usable signing pair per curve, and the vault holds exactly its shares.
        const usable = [...enclave.pairs.values()].filter((p) => p.info.status === 'STORED_CLIENT');
        expect(usable).toHaveLength(2);
        const shares = (await d.env.open().shares.list(addr.walletId)).filter(
          (s) => s.kind === 'client-share',
        );
        expect(shares.map((s) => s.pairId).sort()).toEqual(usable.map((p) => p.info.pairId).sort());
        expect(shares.every((s) => s.status === 'active')).toBe(true);
        // Another refresh still works afterwards.
        await svc.refreshSigningSharePairs();
        await expectSignsAs(svc, addr, QUICK);
      });

    for (const k of STEPS.backup)
      it(`backup, crash after ${k} (${mode})`, async () => {
        const enclave = new FakeEnclave();
        const d = device(enclave);
        const addr = await d.restart().generateWallet(PASSWORD);
        const crashed = d.restart(crashAfter('backup', k));
        const r = crashed.backupWallet(BACKUP_PASSWORD);
        if (k === 'done') await r.catch(() => undefined);
        else await expect(r).rejects.toThrow();
        const svc = await restartAndSettle(d, locked);
        expect((await svc.status()).pendingOperations).toBe(0);
        await expectSignsAs(svc, addr, QUICK);
        // Unfinished backup pairs are not left half-confirmed; a new backup works.
        const b = await svc.backupWallet(BACKUP_PASSWORD);
        await svc.verifyBackup(b.fileText, BACKUP_PASSWORD);
        expect((await svc.checkHealth()).ok).toBe(true);
      });

    for (const k of STEPS.recover)
      it(`recover, crash after ${k} (${mode})`, async () => {
        const enclave = new FakeEnclave();
        const old = device(enclave).restart();
        const addr = await old.generateWallet(PASSWORD);
        const b = await old.backupWallet(BACKUP_PASSWORD);
        await old.verifyBackup(b.fileText, BACKUP_PASSWORD);
        const d = device(enclave);
        await expect(
          d.restart(crashAfter('recover', k)).recoverWallet(b.fileText, BACKUP_PASSWORD, PASSWORD),
        ).rejects.toThrow();
        let svc = await restartAndSettle(d, locked);
        expect((await svc.status()).pendingOperations).toBe(0);
        if ((await svc.status()).state === 'no-wallet' || !(await svc.status()).addresses) {
          // The backup shares never entered the vault: the user selects the file again.
          expect(k === 'begun' || k === 'dkg').toBe(true);
          await svc.recoverWallet(b.fileText, BACKUP_PASSWORD, PASSWORD);
          svc = d.restart();
        }
        expect((await svc.status()).addresses).toEqual(addr);
        await expectSignsAs(svc, addr, QUICK);
      });
  }
});
