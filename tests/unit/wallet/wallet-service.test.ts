import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { FakeEnclave } from './fake-enclave.ts';
import { BACKUP_PASSWORD, base58Decode, device, expectSignsAs, PASSWORD } from './helpers.ts';

describe('WalletService with an in-process fake enclave', () => {
  it('generates, shows addresses only after confirmation, and signs every request kind', async () => {
    const enclave = new FakeEnclave();
    const d = device(enclave);
    const svc = d.restart();
    expect((await svc.status()).state).toBe('no-wallet');
    const addr = await svc.generateWallet(PASSWORD);
    expect(addr.evm).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(enclave.calls.slice(0, 2)).toEqual(['createWallet', 'confirmPairs']);
    const st = await svc.status();
    expect(st).toMatchObject({ state: 'unlocked', addresses: addr, needsBackup: true, pendingOperations: 0 });
    await expectSignsAs(svc, addr);
    // The Solana address is the enclave's view of the ed25519 group key.
    const pair = [...enclave.pairs.values()].find((p) => p.info.curve === 'ed25519')!;
    expect(Buffer.from(base58Decode(addr.solana)).toString('hex')).toBe(pair.info.publicKey);
    await expect(svc.generateWallet(PASSWORD)).rejects.toMatchObject({ code: 'WALLET_EXISTS' });
  });

  it('lock, wrong password, restart, unlock, sign', async () => {
    const d = device(new FakeEnclave());
    const svc = d.restart();
    const addr = await svc.generateWallet(PASSWORD);
    await svc.lock();
    await expect(svc.sign({ kind: 'personal', message: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'LOCKED',
    });
    const again = d.restart();
    expect((await again.status()).state).toBe('locked');
    expect((await again.status()).addresses).toEqual(addr);
    await expect(again.unlock('not the password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await again.status()).state).toBe('locked');
    await again.unlock(PASSWORD);
    await expectSignsAs(again, addr);
  });

  it('refuses a signature the enclave made over another digest or under another key', async () => {
    const enclave = new FakeEnclave();
    const svc = device(enclave).restart();
    await svc.generateWallet(PASSWORD);
    const real = enclave.signEcdsa.bind(enclave);
    enclave.signEcdsa = async (auth, p) => {
      const r = await real(auth, { ...p, payload: { kind: 'personal', message: new Uint8Array([9]) } });
      return { ...r, digest: (await real(auth, p)).digest };
    };
    await expect(svc.sign({ kind: 'personal', message: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'ENCLAVE_FAULT',
    });
    enclave.signEcdsa = real;
    const realEd = enclave.signEd25519.bind(enclave);
    enclave.signEd25519 = async (auth, p) => ({ ...(await realEd(auth, p)), signature: new Uint8Array(64) });
    await expect(svc.sign({ kind: 'ed25519', message: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'ENCLAVE_FAULT',
    });
  });

  it('refresh: new pairs, same addresses, old share erased, old pair revoked', async () => {
    const enclave = new FakeEnclave();
    const d = device(enclave);
    const svc = d.restart();
    const addr = await svc.generateWallet(PASSWORD);
    const before = [...enclave.pairs.keys()];
    await svc.refreshSigningSharePairs();
    for (const id of before) expect(enclave.pairs.get(id)!.info.status).toBe('REVOKED');
    const shares = await d.env.open().shares.list(addr.walletId);
    expect(shares.filter((s) => s.kind === 'client-share').map((s) => s.status)).toEqual([
      'active',
      'active',
    ]);
    expect(shares.some((s) => before.includes(s.pairId))).toBe(false);
    await expectSignsAs(svc, addr);
  });

  it('backup: different password, verify the saved file, list, revoke; health follows', async () => {
    const enclave = new FakeEnclave();
    const d = device(enclave);
    const svc = d.restart();
    const addr = await svc.generateWallet(PASSWORD);
    await expect(svc.backupWallet(PASSWORD)).rejects.toMatchObject({ code: 'SAME_PASSWORD' });
    const h0 = await svc.checkHealth();
    expect(h0.ok).toBe(false);
    expect(h0.checks.find((c) => c.id === 'backup-verified-recently')?.ok).toBe(false);
    const b = await svc.backupWallet(BACKUP_PASSWORD);
    expect(b.fileName).toMatch(/^twofold-backup-0x[0-9a-f]{8}-\d{4}-\d\d-\d\d\.json$/);
    expect(JSON.parse(b.fileText).header.addresses).toEqual({ evm: addr.evm, solana: addr.solana });
    expect((await svc.listBackups())[0]).toMatchObject({ backupId: b.backupId, status: 'unverified' });
    await expect(svc.verifyBackup(b.fileText, 'wrong backup password')).rejects.toMatchObject({
      code: 'WRONG_BACKUP_PASSWORD',
    });
    const tampered = b.fileText.replace(/"body": "(.)/, (_m, c) => `"body": "${c === 'A' ? 'B' : 'A'}`);
    await expect(svc.verifyBackup(tampered, BACKUP_PASSWORD)).rejects.toMatchObject({
      code: 'BAD_BACKUP_FILE',
    });
    const backupPairs = [...enclave.pairs.values()].filter((p) => p.info.kind === 'backup');
    expect(backupPairs.map((p) => p.info.status)).toEqual(['STORED_ENCLAVE', 'STORED_ENCLAVE']);
    const info = await svc.verifyBackup(b.fileText, BACKUP_PASSWORD);
    expect(info.status).toBe('verified');
    expect(backupPairs.map((p) => p.info.status)).toEqual([
      'STORED_CLIENT_BACKUP_SHARE',
      'STORED_CLIENT_BACKUP_SHARE',
    ]);
    const h1 = await svc.checkHealth();
    expect(h1.checks.filter((c) => !c.ok)).toEqual([]);
    expect(h1.ok).toBe(true);
    expect((await svc.status()).needsBackup).toBe(false);
    // Ageing: a refresh is due after 30 days, a re-verification of the file after 90.
    const failing = async () => (await svc.checkHealth()).checks.filter((c) => !c.ok).map((c) => c.id);
    d.env.clock.advance(31 * 86_400_000);
    await svc.unlock(PASSWORD);
    expect(await failing()).toEqual(['refreshed-recently']);
    await svc.refreshSigningSharePairs();
    expect(await failing()).toEqual([]);
    d.env.clock.advance(60 * 86_400_000);
    await svc.unlock(PASSWORD);
    await svc.refreshSigningSharePairs();
    expect(await failing()).toEqual(['backup-verified-recently']);
    await svc.verifyBackup(b.fileText, BACKUP_PASSWORD);
    expect(await failing()).toEqual([]);
    const list = await svc.revokeBackup(b.backupId);
    expect(list[0]!.status).toBe('revoked');
    expect(backupPairs.map((p) => p.info.status)).toEqual(['REVOKED', 'REVOKED']);
    await expect(svc.verifyBackup(b.fileText, BACKUP_PASSWORD)).rejects.toMatchObject({
      code: 'BACKUP_MISMATCH',
    });
  });

  it('recover on another device: same addresses; the old device is told it was restored elsewhere', async () => {
    const enclave = new FakeEnclave();
    const old = device(enclave).restart();
    const addr = await old.generateWallet(PASSWORD);
    const b = await old.backupWallet(BACKUP_PASSWORD);
    await old.verifyBackup(b.fileText, BACKUP_PASSWORD);
    const fresh = device(enclave).restart();
    await expect(
      fresh.recoverWallet(b.fileText, 'wrong backup password', 'new password 123'),
    ).rejects.toMatchObject({
      code: 'WRONG_BACKUP_PASSWORD',
    });
    const got = await fresh.recoverWallet(b.fileText, BACKUP_PASSWORD, 'new password 123');
    expect(got).toEqual(addr);
    await expectSignsAs(fresh, addr);
    // The backup pair stays usable for another recovery.
    expect(
      [...enclave.pairs.values()].filter((p) => p.info.kind === 'backup').map((p) => p.info.status),
    ).toEqual(['STORED_CLIENT_BACKUP_SHARE', 'STORED_CLIENT_BACKUP_SHARE']);
    await expect(old.sign({ kind: 'personal', message: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'RESTORED_ELSEWHERE',
    });
    expect((await old.status()).restoredElsewhere).toBe(true);
  });

  it('a failed recovery leaves the existing vault as it was', async () => {
    const enclave = new FakeEnclave();
    const svc = device(enclave).restart();
    const addr = await svc.generateWallet(PASSWORD);
    const b = await svc.backupWallet(BACKUP_PASSWORD);
    await svc.verifyBackup(b.fileText, BACKUP_PASSWORD);
    enclave.offline = true;
    await expect(svc.recoverWallet(b.fileText, BACKUP_PASSWORD, 'new password 123')).rejects.toMatchObject({
      code: 'ENCLAVE_UNREACHABLE',
    });
    enclave.offline = false;
    await svc.lock();
    await svc.unlock(PASSWORD);
    expect((await svc.status()).addresses).toEqual(addr);
    await expectSignsAs(svc, addr, { quick: true });
  });

  it('eject: full keys match the addresses, then the wallet signs locally and shows key exported', async () => {
    const enclave = new FakeEnclave();
    const svc = device(enclave).restart();
    const addr = await svc.generateWallet(PASSWORD);
    await expect(svc.eject()).rejects.toMatchObject({ code: 'EJECT_NOT_ALLOWED' });
    expect(await svc.requestEject()).toBeGreaterThan(Date.now());
    const keys = await svc.eject();
    const { privateKeyToAddress } = await import('viem/accounts');
    expect(privateKeyToAddress(keys.evmPrivateKey as `0x${string}`)).toBe(getAddress(addr.evm));
    expect(
      [...enclave.pairs.values()].filter((p) => p.info.kind === 'signing').map((p) => p.info.status),
    ).toEqual(['EJECTED', 'EJECTED']);
    enclave.offline = true; // local signing needs no enclave
    expect((await svc.status()).keyExported).toBe(true);
    await expectSignsAs(svc, addr);
    await expect(svc.eject()).rejects.toMatchObject({ code: 'KEY_EXPORTED' });
  });
});
