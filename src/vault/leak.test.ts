/**
 * No secret in errors or logs: drive every refusal path (wrong password, throttled, weak password, tampered
 * record, tampered journal secret, wrong backup password, tampered or malformed backup) and search every
 * thrown object and console line for the password, the vault key, the derived keys and the plaintexts, in
 * hex, base64, base64url and decimal-list form.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBackupFile, readBackupHeader, sealBackupFile } from './backup-file.ts';
import { fromBase64 } from './encoding.ts';
import { derivePasswordKeys } from './kdf.ts';
import type { VaultDb, VaultKeyRecord } from './schema.ts';
import { decodeSessionEntry } from './session-entry.ts';
import { caught, errorText, PASSWORD, secretForms, TEST_KDF, testEnv } from './test-env.ts';
import type { Vault } from './vault.ts';

const dbOf = (v: Vault) => (v as unknown as { db(): Promise<VaultDb> }).db();

describe('secrets never reach errors or logs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('over every refusal path', async () => {
    const logged: string[] = [];
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => errorText(a)).join(' '));
      });

    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const vaultKey = decodeSessionEntry(env.session.value)!.key.slice();
    const keyRec = (await (await dbOf(v)).get('meta', 'vaultKey')) as VaultKeyRecord;
    const wrapKey = (await derivePasswordKeys(PASSWORD, keyRec.kdf)).key;
    const share = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255);
    const ref = { walletId: 'w1', curve: 'secp256k1' as const, pairId: 'p1', kind: 'client-share' };
    await v.shares.put(ref, share);
    const journalSecret = new Uint8Array(32).map((_, i) => (i * 91 + 5) & 255);
    const jid = await v.journal.begin('refresh', {}, { secrets: { s: journalSecret } });

    const thrown: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => thrown.push(await caught(fn));

    await attempt(() => v.changePassword('wrong old password', 'new password 123'));
    await attempt(() => v.changePassword(PASSWORD, 'short'));
    await v.lock();
    await attempt(() => v.unlock(`${PASSWORD}x`));
    env.clock.advance(1000); // the wrong old password above counted too
    await attempt(() => v.unlock(PASSWORD.toUpperCase()));
    await attempt(() => v.unlock(PASSWORD)); // throttled
    await attempt(() => v.shares.get(ref)); // locked
    env.clock.advance(60_000);
    await v.unlock(PASSWORD);
    const db = await dbOf(v);
    const rec = await db.get('shares', ['w1', 'secp256k1', 'p1', 'client-share']);
    await db.put('shares', { ...rec!, walletId: 'w2' });
    await attempt(() => v.shares.get({ ...ref, walletId: 'w2' }));
    const jrec = await db.get('journal', jid);
    await db.put('journal', { ...jrec!, op: 'backup' });
    await attempt(() => v.journal.openSecret(jid, 's'));
    await attempt(() => v.createVault(PASSWORD));

    const backupPassword = 'backup password 42';
    const body = new Uint8Array(48).map((_, i) => (i * 53 + 7) & 255);
    const header = {
      walletId: 'w1',
      addresses: { evm: `0x${'ab'.repeat(20)}`, solana: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T' },
      enclaveKeyFingerprint: 'f'.repeat(64),
    };
    const file = await sealBackupFile({ header, body }, backupPassword, { kdf: TEST_KDF });
    const h = readBackupHeader(file);
    const backupKey = (
      await derivePasswordKeys(backupPassword, { name: 'scrypt', ...TEST_KDF, salt: fromBase64(h.kdf.salt)! })
    ).key;
    await attempt(() => openBackupFile(file, `${backupPassword}!`));
    await attempt(() => openBackupFile(file.replace('"w1"', '"w9"'), backupPassword));
    await attempt(() => openBackupFile(file.slice(0, 200), backupPassword));
    await attempt(() => sealBackupFile({ header, body }, 'short', { kdf: TEST_KDF }));

    expect(thrown.map((e) => (e as { code?: string }).code)).toEqual([
      'WRONG_PASSWORD',
      'WEAK_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'UNLOCK_THROTTLED',
      'LOCKED',
      'RECORD_TAMPERED',
      'RECORD_TAMPERED',
      'VAULT_EXISTS',
      'BACKUP_WRONG_PASSWORD',
      'BACKUP_TAMPERED',
      'BACKUP_MALFORMED',
      'WEAK_PASSWORD',
    ]);

    const secrets = [
      PASSWORD,
      `${PASSWORD}x`,
      PASSWORD.toUpperCase(),
      'wrong old password',
      'new password 123',
      backupPassword,
      `${backupPassword}!`,
      vaultKey,
      wrapKey,
      share,
      journalSecret,
      body,
      backupKey,
    ].flatMap(secretForms);
    const texts = [...thrown.map(errorText), ...logged];
    // The failure message names the item, never its text (which would print the secret).
    texts.forEach((t, i) => {
      for (const s of secrets) expect(t.includes(s), `secret found in thrown/logged item #${i}`).toBe(false);
    });
    // Every refusal says what to do, in words.
    for (const e of thrown) expect((e as Error).message.length).toBeGreaterThan(20);
  });
});
