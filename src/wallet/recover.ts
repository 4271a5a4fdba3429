/**
 * recoverWallet (SPEC §4.5): on a fresh install, or over a vault whose password is forgotten. The backup
 * file's recovery key authenticates; the enclave derives new signing pairs FROM the backup pairs (which stay
 * STORED_CLIENT_BACKUP_SHARE) and registers a new device key; confirming (with the recovery key) revokes the
 * previous signing pairs and device keys in one enclave transaction. Same addresses. The backup shares never
 * enter the vault; an interruption before the new shares are stored asks for the file again.
 *
 * Steps: 'begun' → enclave recovery (nothing on disk changes, so a failure leaves an existing vault as it
 * was) → 'dkg' → new vault → 'stored' (pending shares, keys, wallet record and the journal entry in one
 * transaction) → confirm with the recovery key → done.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { WalletAddresses } from '../messaging/page-messages.ts';
import { ed25519Signer } from '../mpc/channel/index.ts';
import { randomId } from '../vault/encoding.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { checkNewPassword } from '../vault/validate.ts';
import { enclaveFingerprint, readBackupFile } from './backup.ts';
import { WalletError } from './errors.ts';
import { evmAddressOf, hex, solanaAddressOf } from './keys.ts';
import { pendingShareWrites, wipeWrites } from './refresh.ts';
import {
  confirmAndActivateSigningPairs,
  isPairGone,
  type LoadedWallet,
  type WalletCore,
} from './wallet-core.ts';
import { deviceKeyRef, recoveryKeyRef, shareRef, type WalletData } from './wallet-data.ts';

export const RECOVER_OP = 'recover';
const TOTAL = 4;

interface RecoverJournal {
  walletId: string;
  identityKey: string;
  newPairs?: WalletData['signingPairs'];
}

export async function recoverWallet(
  core: WalletCore,
  fileText: string,
  backupPassword: string,
  newPassword: string,
): Promise<WalletAddresses> {
  const { header, contents } = await readBackupFile(fileText, backupPassword);
  const deviceSk = ed25519.utils.randomSecretKey();
  try {
    const identityKey = hex(contents.enclaveIdentityKey);
    if (
      header.walletId !== contents.walletId ||
      header.enclaveKeyFingerprint !== enclaveFingerprint(identityKey)
    )
      throw new WalletError('BAD_BACKUP_FILE', 'header does not match body');
    const walletId = contents.walletId;
    const enclave = await core.enclave(identityKey);
    const vault = core.vault;

    checkNewPassword(newPassword);
    core.step('recover', 'begun', 1, TOTAL);
    // The enclave first: an unreachable or refusing enclave leaves an existing vault untouched. Until the
    // new shares are stored nothing is on disk (the enclave expires the unconfirmed pairs and device key).
    const recoveryAuth = { walletId, recoveryKey: ed25519Signer(contents.recoverySecretKey) };
    const np = await enclave.recover(recoveryAuth, {
      newDevicePublicKey: ed25519.getPublicKey(deviceSk),
      backupEcdsaShare: contents.ecdsa,
      backupFrostShare: contents.frost,
    });
    core.step('recover', 'dkg', 2, TOTAL);

    // A fresh vault under the new password: the old one (if any) is unusable or being replaced.
    if (await vault.exists()) await vault.eraseAll();
    await vault.createVault(newPassword);
    const journal: RecoverJournal = { walletId, identityKey };
    const entryId = randomId();

    const now = core.vault.clock.now();
    const data: WalletData = {
      v: 1,
      state: 'pending',
      addresses: { evm: evmAddressOf(contents.ecdsa.Q), solana: solanaAddressOf(contents.frost.groupKey) },
      publicKeys: { secp256k1: hex(contents.ecdsa.Q), ed25519: hex(contents.frost.groupKey) },
      enclaveIdentityKey: identityKey,
      devicePublicKey: hex(ed25519.getPublicKey(deviceSk)),
      signingPairs: { secp256k1: '', ed25519: '' },
      createdAt: now,
      lastRefreshAt: now,
    };
    // Another device ejected the key before this recovery (its pairs stay EJECTED at the enclave): warn
    // permanently from the first moment the wallet exists here.
    if (np.ecdsa?.keyExported || np.frost?.keyExported) data.keyExportedElsewhereAt = now;
    const w: LoadedWallet = { id: walletId, data };
    const { pairs, writes } = pendingShareWrites(w, np);
    data.signingPairs = pairs;
    const backupCreated = Date.parse(header.createdAt);
    try {
      await vault.write([
        ...writes,
        { type: 'putShare', ref: deviceKeyRef(walletId), status: 'active', plaintext: deviceSk },
        {
          type: 'putShare',
          ref: recoveryKeyRef(walletId),
          status: 'active',
          plaintext: contents.recoverySecretKey,
        },
        { type: 'putWallet', id: walletId, data: data as unknown as Record<string, unknown> },
        {
          type: 'putBackup',
          backup: {
            id: randomId(),
            walletId,
            pairIds: { secp256k1: contents.ecdsa.pairId, ed25519: contents.frost.pairId },
            createdAt: Number.isFinite(backupCreated) ? backupCreated : now,
            // The file was just decrypted and matched against the public keys, and the enclave used it.
            lastVerifiedAt: now,
            revokedAt: undefined,
          },
        },
        {
          type: 'journalBegin',
          id: entryId,
          op: RECOVER_OP,
          walletId,
          step: 'stored',
          data: { ...journal, newPairs: pairs } satisfies RecoverJournal,
        },
      ]);
    } finally {
      wipeWrites(writes);
      np.frost?.share.signingShare.fill(0);
    }
    core.step('recover', 'stored', 3, TOTAL);

    await confirmRecovery(core, w, entryId);
    core.step('recover', 'done', TOTAL, TOTAL);
    return { walletId, ...data.addresses };
  } finally {
    deviceSk.fill(0);
    contents.recoverySecretKey.fill(0);
    contents.frost.signingShare.fill(0);
  }
}

async function confirmRecovery(core: WalletCore, w: LoadedWallet, entryId: string): Promise<void> {
  const rec = await core.vault.shares.get(recoveryKeyRef(w.id));
  if (!rec) throw new WalletError('INTERNAL', 'recovery key missing');
  let recoveryAuth: { walletId: string; recoveryKey: ReturnType<typeof ed25519Signer> };
  try {
    recoveryAuth = { walletId: w.id, recoveryKey: ed25519Signer(rec.plaintext) };
  } finally {
    rec.plaintext.fill(0);
  }
  await confirmAndActivateSigningPairs(core, w, recoveryAuth, entryId);
}

export async function resolveRecover(core: WalletCore, entry: JournalEntry): Promise<void> {
  const j = entry.data as RecoverJournal;
  const w = await core.wallet();
  if (entry.step !== 'stored' || !w || w.id !== j.walletId) {
    // The backup shares were never stored here: the user selects the file again.
    await core.vault.journal.complete(entry.id);
    return;
  }
  if (w.data.state === 'ready') {
    await core.vault.journal.complete(entry.id);
    return;
  }
  try {
    await confirmRecovery(core, w, entry.id);
  } catch (e) {
    if (!isPairGone(e)) throw e;
    const backups = await core.vault.backups.list(w.id);
    await core.vault.write([
      { type: 'deleteShare', ref: shareRef(w.id, 'secp256k1', w.data.signingPairs.secp256k1) },
      { type: 'deleteShare', ref: shareRef(w.id, 'ed25519', w.data.signingPairs.ed25519) },
      { type: 'deleteShare', ref: deviceKeyRef(w.id) },
      { type: 'deleteShare', ref: recoveryKeyRef(w.id) },
      { type: 'deleteWallet', id: w.id },
      { type: 'journalComplete', id: entry.id },
    ]);
    for (const b of backups) await core.vault.backups.delete(b.id);
  }
}
