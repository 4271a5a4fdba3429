import { describe, expect, it } from 'vitest';
import {
  type BackupHeaderInput,
  backupFileName,
  openBackupFile,
  readBackupHeader,
  sealBackupFile,
} from './backup-file.ts';
import { utf8 } from './encoding.ts';
import type { VaultError } from './errors.ts';
import { caught, TEST_KDF } from './test-env.ts';

const HEADER: BackupHeaderInput = {
  walletId: 'wallet-1',
  addresses: {
    evm: '0x52908400098527886E0F7030069857D2E4169EE7',
    solana: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T',
  },
  enclaveKeyFingerprint: 'a'.repeat(64),
  createdAt: '2026-11-24T12:00:00.000Z',
};
const BODY = utf8(JSON.stringify({ pairIds: { secp256k1: 'k1' }, x2: '1234' }));
const PW = 'backup password 42';

const seal = () => sealBackupFile({ header: HEADER, body: BODY }, PW, { kdf: TEST_KDF });
const code = async (fn: () => Promise<unknown>) => ((await caught(fn)) as VaultError).code;

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary fields of the parsed JSON file
type Doc = Record<string, any>;

function edit(text: string, f: (doc: Doc) => void): string {
  const doc = JSON.parse(text);
  f(doc);
  return JSON.stringify(doc);
}

describe('backup file', () => {
  it('round trip; header in clear, body sealed', async () => {
    const text = await seal();
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['header', 'body']);
    expect(doc.header).toMatchObject({
      format: 'twofold-backup',
      version: 1,
      walletId: 'wallet-1',
      addresses: HEADER.addresses,
      enclaveKeyFingerprint: HEADER.enclaveKeyFingerprint,
      createdAt: HEADER.createdAt,
      kdf: { name: 'scrypt', ...TEST_KDF },
    });
    expect(text).not.toContain('1234');
    expect(readBackupHeader(text).addresses).toEqual(HEADER.addresses);
    const opened = await openBackupFile(text, PW);
    expect(opened.body).toEqual(BODY);
    expect(opened.header).toEqual(doc.header);
    expect(backupFileName(opened.header)).toBe('twofold-backup-0x52908400-2026-11-24.json');
  });

  it('defaults to scrypt N = 2^18, r = 8, p = 1 (one real run)', async () => {
    const text = await sealBackupFile({ header: HEADER, body: BODY }, PW);
    expect(readBackupHeader(text).kdf).toMatchObject({ N: 2 ** 18, r: 8, p: 1 });
    expect((await openBackupFile(text, PW)).body).toEqual(BODY);
  });

  it('wrong password → BACKUP_WRONG_PASSWORD', async () => {
    const text = await seal();
    expect(await code(() => openBackupFile(text, 'not the backup password'))).toBe('BACKUP_WRONG_PASSWORD');
  });

  it('any header change → refused', async () => {
    const text = await seal();
    const edits: [string, (d: Doc) => void][] = [
      ['evm address', (d) => (d.header.addresses.evm = '0x0000000000000000000000000000000000000001')],
      ['solana address', (d) => (d.header.addresses.solana = '11111111111111111111111111111111')],
      ['wallet id', (d) => (d.header.walletId = 'wallet-2')],
      ['fingerprint', (d) => (d.header.enclaveKeyFingerprint = 'b'.repeat(64))],
      ['createdAt', (d) => (d.header.createdAt = '2027-01-01T00:00:00.000Z')],
      ['nonce', (d) => (d.header.nonce = `A${d.header.nonce.slice(1)}`)],
    ];
    for (const [, f] of edits)
      expect(await code(() => openBackupFile(edit(text, f), PW))).toBe('BACKUP_TAMPERED');
    // Changing the KDF parameters or salt changes the derived key: refused as a wrong password.
    expect(
      await code(() =>
        openBackupFile(
          edit(text, (d) => (d.header.kdf.N = 2 ** 11)),
          PW,
        ),
      ),
    ).toBe('BACKUP_WRONG_PASSWORD');
    // A changed body.
    const body = edit(text, (d) => (d.body = `${d.body.startsWith('A') ? 'B' : 'A'}${d.body.slice(1)}`));
    expect(await code(() => openBackupFile(body, PW))).toBe('BACKUP_TAMPERED');
  });

  it('malformed and truncated files → BACKUP_MALFORMED', async () => {
    const text = await seal();
    const bad = [
      text.slice(0, text.length / 2),
      text.slice(0, -3),
      '',
      'null',
      '[]',
      '{"header":{}}',
      edit(text, (d) => (d.header.format = 'other-wallet')),
      edit(text, (d) => (d.header.extra = 1)),
      edit(text, (d) => (d.extra = 1)),
      edit(text, (d) => delete d.body),
      edit(text, (d) => (d.body = d.body.slice(0, 8))),
      edit(text, (d) => (d.body = 'not base64!')),
      edit(text, (d) => (d.header.nonce = 'AAAA')),
      edit(text, (d) => (d.header.kdf.N = 1000)),
      edit(text, (d) => (d.header.kdf.N = 2 ** 30)),
      edit(text, (d) => (d.header.addresses.evm = 'vitalik.eth')),
      edit(text, (d) => (d.header.createdAt = 'yesterday')),
      edit(text, (d) => (d.header.version = 0)),
      edit(text, (d) => (d.header.version = '1')),
    ];
    for (const t of bad) expect(await code(() => openBackupFile(t, PW))).toBe('BACKUP_MALFORMED');
    expect(() => readBackupHeader(text.slice(0, 100))).toThrow(/not a valid Twofold backup file/);
  });

  it('a newer version → BACKUP_UNSUPPORTED_VERSION', async () => {
    const text = edit(await seal(), (d) => (d.header.version = 2));
    expect(await code(() => openBackupFile(text, PW))).toBe('BACKUP_UNSUPPORTED_VERSION');
  });

  it('refuses bad input when sealing', async () => {
    expect(await code(() => sealBackupFile({ header: HEADER, body: BODY }, 'short', { kdf: TEST_KDF }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(
      await code(() => sealBackupFile({ header: HEADER, body: BODY }, PW, { kdf: { N: 1000, r: 8, p: 1 } })),
    ).toBe('INVALID_ARGUMENT');
    const badHeader = { ...HEADER, addresses: { ...HEADER.addresses, evm: '0x12' } };
    expect(await code(() => sealBackupFile({ header: badHeader, body: BODY }, PW, { kdf: TEST_KDF }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});
