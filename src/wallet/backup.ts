/**
 * backupWallet (SPEC §4.4): a backup pair per curve (a refresh that keeps the signing pair), exported as a
 * backup file sealed under a separate backup password. The backup shares never enter the vault; only the
 * backup's public metadata does. The pair is confirmed STORED_CLIENT_BACKUP_SHARE only by `verifyBackup`,
 * i.e. after the file the user saved was read back, decrypted and matched against the public keys.
 *
 * Journal: 'begun' → enclave makes the backup pairs → 'created' (their ids) → file sealed → the backup
 * record written and the entry completed in one transaction. An interrupted backup is rolled back (the
 * unconfirmed pairs are revoked when the enclave is reachable and expire anyway); signing is unaffected.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { BackupInfo } from '../messaging/page-messages.ts';
import { randomId } from '../vault/encoding.ts';
import { type BackupRecord, backupFileName, openBackupFile, sealBackupFile } from '../vault/index.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { isVaultKeyRecord, unwrapVaultKey } from '../vault/keyring.ts';
import { toWalletError, WalletError } from './errors.ts';
import { fromHex, hex } from './keys.ts';
import { decodeBackupBody, encodeBackupBody } from './share-codec.ts';
import { type LoadedWallet, pairsHaveStatus, type WalletCore, wipeShares } from './wallet-core.ts';
import { recoveryKeyRef } from './wallet-data.ts';

export const BACKUP_OP = 'backup';
const TOTAL = 4;

interface BackupJournal {
  walletId: string;
  pairIds?: { secp256k1: string; ed25519: string };
}

/** Fingerprint of the pinned enclave identity key for the file's clear header. */
export function enclaveFingerprint(identityKeyHex: string): string {
  return hex(sha256(fromHex(identityKeyHex)).subarray(0, 16));
}

/** True if `password` opens this vault (checked without touching the wrong-password counter). */
async function isWalletPassword(core: WalletCore, password: string): Promise<boolean> {
  const rec = await core.vault.run((db) => db.get('meta', 'vaultKey'));
  if (!isVaultKeyRecord(rec)) return false;
  try {
    const key = await unwrapVaultKey(rec, password);
    key.fill(0);
    return true;
  } catch {
    return false;
  }
}

export async function createBackup(
  core: WalletCore,
  w: LoadedWallet,
  backupPassword: string,
): Promise<{ backupId: string; fileText: string; fileName: string }> {
  if (typeof backupPassword !== 'string' || [...backupPassword.normalize('NFKC')].length < 8)
    throw new WalletError('WEAK_PASSWORD');
  if (await isWalletPassword(core, backupPassword)) throw new WalletError('SAME_PASSWORD');
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  const journal: BackupJournal = { walletId: w.id };
  const entryId = await core.vault.journal.begin(BACKUP_OP, journal, { walletId: w.id, step: 'begun' });
  core.step('backup', 'begun', 1, TOTAL);

  const shares = await core.openShares(w);
  let np: Awaited<ReturnType<typeof enclave.createBackupPair>>;
  try {
    np = await enclave.createBackupPair(auth, { ecdsaShare: shares.ecdsa, frostShare: shares.frost });
  } finally {
    wipeShares(shares);
  }
  const e = np.ecdsa?.share;
  const f = np.frost?.share;
  if (!e || !f) throw new WalletError('ENCLAVE_FAULT', 'missing backup pair');
  const pairIds = { secp256k1: e.pairId, ed25519: f.pairId };
  await core.vault.journal.update(entryId, { step: 'created', data: { ...journal, pairIds } });
  core.step('backup', 'created', 2, TOTAL);

  const recovery = await core.vault.shares.get(recoveryKeyRef(w.id));
  if (!recovery) throw new WalletError('INTERNAL', 'recovery key missing');
  const body = (() => {
    try {
      return encodeBackupBody({
        walletId: w.id,
        enclaveIdentityKey: fromHex(w.data.enclaveIdentityKey),
        ecdsa: e,
        frost: f,
        recoverySecretKey: recovery.plaintext,
      });
    } finally {
      recovery.plaintext.fill(0);
    }
  })();
  // decodeBackupBody re-checks x2_b·G = Q2_b and the FROST share before anything is handed out.
  const check = decodeBackupBody(body);
  if (
    hex(check.ecdsa.Q) !== w.data.publicKeys.secp256k1 ||
    hex(check.frost.groupKey) !== w.data.publicKeys.ed25519
  )
    throw new WalletError('ENCLAVE_FAULT', 'backup pair for another key');
  wipeShares({ frost: check.frost });
  let fileText: string;
  try {
    fileText = await sealBackupFile(
      {
        header: {
          walletId: w.id,
          addresses: { evm: w.data.addresses.evm, solana: w.data.addresses.solana },
          enclaveKeyFingerprint: enclaveFingerprint(w.data.enclaveIdentityKey),
        },
        body,
      },
      backupPassword,
      core.opts.backupKdf ? { kdf: core.opts.backupKdf } : {},
    );
  } finally {
    body.fill(0);
    f.signingShare.fill(0);
  }
  core.step('backup', 'sealed', 3, TOTAL);

  const backupId = randomId();
  const createdAt = core.vault.clock.now();
  await core.vault.write([
    {
      type: 'putBackup',
      backup: {
        id: backupId,
        walletId: w.id,
        pairIds,
        createdAt,
        lastVerifiedAt: undefined,
        revokedAt: undefined,
      },
    },
    { type: 'journalComplete', id: entryId },
  ]);
  core.step('backup', 'done', TOTAL, TOTAL);
  const header = { addresses: w.data.addresses, createdAt: new Date(createdAt).toISOString() };
  return { backupId, fileText, fileName: backupFileName(header) };
}

/** Decrypt and decode a backup file (errors as WalletErrors); the decrypted body is wiped once decoded. */
export async function readBackupFile(fileText: string, backupPassword: string) {
  let opened: Awaited<ReturnType<typeof openBackupFile>>;
  try {
    opened = await openBackupFile(fileText, backupPassword);
  } catch (e) {
    throw toWalletError(e);
  }
  try {
    return { header: opened.header, contents: decodeBackupBody(opened.body) };
  } finally {
    opened.body.fill(0);
  }
}

/** Re-read the saved file: decrypt, match the wallet, then confirm the backup pairs at the enclave. */
export async function verifyBackup(
  core: WalletCore,
  w: LoadedWallet,
  fileText: string,
  backupPassword: string,
): Promise<BackupInfo> {
  const { header, contents } = await readBackupFile(fileText, backupPassword);
  try {
    if (
      header.walletId !== w.id ||
      contents.walletId !== w.id ||
      hex(contents.ecdsa.Q) !== w.data.publicKeys.secp256k1 ||
      hex(contents.frost.groupKey) !== w.data.publicKeys.ed25519
    )
      throw new WalletError('BACKUP_MISMATCH');
    const rec = (await core.vault.backups.list(w.id)).find(
      (b) => b.pairIds.secp256k1 === contents.ecdsa.pairId && b.pairIds.ed25519 === contents.frost.pairId,
    );
    if (!rec || rec.revokedAt !== undefined) throw new WalletError('BACKUP_MISMATCH', 'unknown or revoked');
    const enclave = await core.enclave(w.data.enclaveIdentityKey);
    const auth = await core.deviceAuth(w);
    const ids = [contents.ecdsa.pairId, contents.frost.pairId];
    const infos = await enclave.confirmPairs(auth, ids);
    if (!pairsHaveStatus(infos, ids, 'STORED_CLIENT_BACKUP_SHARE'))
      throw new WalletError('ENCLAVE_FAULT', 'backup not confirmed');
    await core.vault.backups.markVerified(rec.id);
    const after = await core.vault.backups.get(rec.id);
    return backupInfo(after ?? rec);
  } finally {
    contents.frost.signingShare.fill(0);
    contents.recoverySecretKey.fill(0);
  }
}

export function backupInfo(b: BackupRecord): BackupInfo {
  return {
    backupId: b.id,
    createdAt: b.createdAt,
    ...(b.lastVerifiedAt !== undefined ? { lastVerifiedAt: b.lastVerifiedAt } : {}),
    ...(b.revokedAt !== undefined ? { revokedAt: b.revokedAt } : {}),
    status:
      b.revokedAt !== undefined ? 'revoked' : b.lastVerifiedAt !== undefined ? 'verified' : 'unverified',
  };
}

export async function listBackups(core: WalletCore, w: LoadedWallet): Promise<BackupInfo[]> {
  return (await core.vault.backups.list(w.id)).map(backupInfo);
}

/** Revoke a backup's pairs at the enclave (an old file plus its password is a takeover credential). */
export async function revokeBackup(core: WalletCore, w: LoadedWallet, backupId: string): Promise<void> {
  const rec = await core.vault.backups.get(backupId);
  if (!rec || rec.walletId !== w.id) throw new WalletError('INVALID_ARGUMENT', 'backupId');
  if (rec.revokedAt !== undefined) return;
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  for (const pairId of Object.values(rec.pairIds)) if (pairId) await enclave.revokePair(auth, pairId);
  await core.vault.backups.markRevoked(rec.id);
}

export async function resolveBackup(core: WalletCore, entry: JournalEntry): Promise<void> {
  const j = entry.data as BackupJournal;
  const w = await core.wallet();
  if (j.pairIds && w && w.id === j.walletId) {
    // Best effort: unconfirmed backup pairs expire at the enclave anyway.
    try {
      const enclave = await core.enclave(w.data.enclaveIdentityKey);
      const auth = await core.deviceAuth(w);
      for (const id of [j.pairIds.secp256k1, j.pairIds.ed25519]) await enclave.revokePair(auth, id);
    } catch {
      // unreachable or already gone: the 24 h expiry covers it
    }
  }
  await core.vault.journal.complete(entry.id);
}
