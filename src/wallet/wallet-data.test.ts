/** The wallet record's parser: old records (no eject fields) stay valid, the eject times are checked. */
import { describe, expect, it } from 'vitest';
import { parseWalletData } from './wallet-data.ts';

const RECORD = {
  v: 1,
  state: 'ready',
  addresses: { evm: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', solana: 'So1' },
  publicKeys: { secp256k1: '02'.padEnd(66, 'a'), ed25519: 'b'.repeat(64) },
  enclaveIdentityKey: 'ab'.repeat(32),
  devicePublicKey: 'cd'.repeat(32),
  signingPairs: { secp256k1: 'p1', ed25519: 'p2' },
  createdAt: 1,
  lastRefreshAt: 1,
};

describe('parseWalletData', () => {
  it('accepts a record without eject fields, an ejected one, and one whose keys were shown', () => {
    expect(parseWalletData(RECORD)).toEqual(RECORD);
    expect(parseWalletData({ ...RECORD, keyExportedAt: 5 })?.keysShownAt).toBeUndefined();
    expect(parseWalletData({ ...RECORD, keyExportedAt: 5, keysShownAt: 6 })?.keysShownAt).toBe(6);
  });

  it('accepts a key exported elsewhere, alone (this device holds no key) or with a later own export', () => {
    const elsewhere = parseWalletData({ ...RECORD, keyExportedElsewhereAt: 7 });
    expect(elsewhere?.keyExportedElsewhereAt).toBe(7);
    expect(elsewhere?.keyExportedAt).toBeUndefined();
    expect(parseWalletData({ ...RECORD, keyExportedElsewhereAt: 7, keyExportedAt: 9 })?.keyExportedAt).toBe(
      9,
    );
  });

  it('refuses a malformed time, and keys shown without an export', () => {
    for (const bad of [
      { keyExportedElsewhereAt: '7' },
      { keyExportedElsewhereAt: -1 },
      { keyExportedElsewhereAt: Number.POSITIVE_INFINITY },
      { keyExportedElsewhereAt: true },
      // Exported elsewhere is not "exported here": it does not make shown keys possible.
      { keyExportedElsewhereAt: 7, keysShownAt: 8 },
      { keyExportedAt: 5, keysShownAt: '6' },
      { keyExportedAt: 5, keysShownAt: Number.NaN },
      { keyExportedAt: 5, keysShownAt: -1 },
      { keyExportedAt: 'yesterday' },
      { keysShownAt: 6 },
    ])
      expect(() => parseWalletData({ ...RECORD, ...bad })).toThrow(
        expect.objectContaining({ code: 'INTERNAL' }),
      );
  });
});
