import { describe, expect, it } from 'vitest';
import { peekBackupFile } from './backup-file-peek.ts';

describe('peekBackupFile', () => {
  it('reads the addresses of a backup header', () => {
    const text = JSON.stringify({
      header: {
        format: 'twofold-backup',
        addresses: { evm: '0xabc', solana: 'So1' },
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      body: 'x',
    });
    expect(peekBackupFile(text)).toEqual({
      evm: '0xabc',
      solana: 'So1',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
  it('says null for anything else', () => {
    expect(peekBackupFile('not json')).toBeNull();
    expect(peekBackupFile('{"header":{"format":"other"}}')).toBeNull();
    expect(peekBackupFile('null')).toBeNull();
  });
});
