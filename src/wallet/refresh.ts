/**
 * refreshSigningSharePairs (SPEC §4.6): new signing pairs for the same public keys, in the persistence order
 * that leaves a pair able to sign after a crash at any step:
 *   journal 'begun' → enclave stores the new pairs (STORED_ENCLAVE) → client stores the new shares as
 *   pending + journal 'stored' (one transaction) → confirmPairs (enclave: new STORED_CLIENT, old revoked, one
 *   transaction) → client activates the new shares, erases the old and switches the wallet record (one
 *   transaction, only after it saw STORED_CLIENT).
 * Resolution: 'begun' → rolled back (old pair still signs); 'stored' → confirm again (idempotent) and
 * finish, or drop the pending shares if the enclave no longer has the new pairs.
 */
import type { NewPairs } from '../enclave/enclave-api.ts';
import { checkFrostShare } from '../mpc/frost/index.ts';
import type { VaultWrite } from '../vault/batch.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { WalletError } from './errors.ts';
import { checkEcdsaClientShare, hex } from './keys.ts';
import { encodeEcdsaShare, encodeFrostClientShare } from './share-codec.ts';
import {
  isPairGone,
  type LoadedWallet,
  pairsHaveStatus,
  type WalletCore,
  wipeShares,
} from './wallet-core.ts';
import { shareRef, type WalletData } from './wallet-data.ts';

export const REFRESH_OP = 'refresh';
const TOTAL = 4;

interface RefreshJournal {
  walletId: string;
  oldPairs: WalletData['signingPairs'];
  newPairs?: WalletData['signingPairs'];
}

/** Check a derived pair against the wallet's public keys and build its pending share writes. */
export function pendingShareWrites(
  w: LoadedWallet,
  np: NewPairs,
): {
  pairs: WalletData['signingPairs'];
  writes: VaultWrite[];
} {
  const e = np.ecdsa?.share;
  const f = np.frost?.share;
  if (!e || !f) throw new WalletError('ENCLAVE_FAULT', 'missing pair');
  checkEcdsaClientShare(e);
  checkFrostShare(f);
  if (hex(e.Q) !== w.data.publicKeys.secp256k1 || hex(f.groupKey) !== w.data.publicKeys.ed25519)
    throw new WalletError('ENCLAVE_FAULT', 'public key changed');
  const pairs = { secp256k1: e.pairId, ed25519: f.pairId };
  const eb = encodeEcdsaShare(e);
  const fb = encodeFrostClientShare(f);
  return {
    pairs,
    writes: [
      {
        type: 'putShare',
        ref: shareRef(w.id, 'secp256k1', pairs.secp256k1),
        status: 'pending',
        plaintext: eb,
      },
      { type: 'putShare', ref: shareRef(w.id, 'ed25519', pairs.ed25519), status: 'pending', plaintext: fb },
    ],
  };
}

export function wipeWrites(writes: VaultWrite[]): void {
  for (const op of writes) if (op.type === 'putShare') op.plaintext.fill(0);
}

export async function refreshSigningSharePairs(core: WalletCore, w: LoadedWallet): Promise<number> {
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  const journal: RefreshJournal = { walletId: w.id, oldPairs: { ...w.data.signingPairs } };
  const entryId = await core.vault.journal.begin(REFRESH_OP, journal, { walletId: w.id, step: 'begun' });
  core.step('refresh', 'begun', 1, TOTAL);

  const shares = await core.openShares(w);
  let np: NewPairs;
  try {
    np = await enclave.refresh(auth, { ecdsaShare: shares.ecdsa, frostShare: shares.frost });
  } finally {
    wipeShares(shares);
  }
  core.step('refresh', 'dkg', 2, TOTAL);

  const { pairs, writes } = pendingShareWrites(w, np);
  try {
    await core.vault.write([
      ...writes,
      { type: 'journalUpdate', id: entryId, step: 'stored', data: { ...journal, newPairs: pairs } },
    ]);
  } finally {
    wipeWrites(writes);
    wipeShares({ frost: np.frost?.share });
  }
  core.step('refresh', 'stored', 3, TOTAL);

  const at = await confirmRefresh(core, w, entryId, pairs);
  core.step('refresh', 'done', TOTAL, TOTAL);
  return at;
}

async function confirmRefresh(
  core: WalletCore,
  w: LoadedWallet,
  entryId: string,
  newPairs: WalletData['signingPairs'],
): Promise<number> {
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  const ids = [newPairs.secp256k1, newPairs.ed25519];
  const infos = await enclave.confirmPairs(auth, ids);
  // Erase the old share only after seeing the new pair STORED_CLIENT.
  if (!pairsHaveStatus(infos, ids, 'STORED_CLIENT')) throw new WalletError('ENCLAVE_FAULT', 'not confirmed');
  const at = core.vault.clock.now();
  const old = w.data.signingPairs;
  const data: WalletData = { ...w.data, signingPairs: { ...newPairs }, lastRefreshAt: at };
  await core.vault.write([
    { type: 'activateShare', ref: shareRef(w.id, 'secp256k1', newPairs.secp256k1) },
    { type: 'activateShare', ref: shareRef(w.id, 'ed25519', newPairs.ed25519) },
    ...(old.secp256k1 !== newPairs.secp256k1
      ? [{ type: 'deleteShare' as const, ref: shareRef(w.id, 'secp256k1', old.secp256k1) }]
      : []),
    ...(old.ed25519 !== newPairs.ed25519
      ? [{ type: 'deleteShare' as const, ref: shareRef(w.id, 'ed25519', old.ed25519) }]
      : []),
    { type: 'putWallet', id: w.id, data: data as unknown as Record<string, unknown> },
    { type: 'journalComplete', id: entryId },
  ]);
  w.data = data;
  return at;
}

export async function resolveRefresh(core: WalletCore, entry: JournalEntry): Promise<void> {
  const j = entry.data as RefreshJournal;
  const w = await core.wallet();
  if (entry.step !== 'stored' || !j.newPairs || !w || w.id !== j.walletId) {
    await core.vault.journal.complete(entry.id);
    return;
  }
  if (w.data.signingPairs.secp256k1 === j.newPairs.secp256k1) {
    await core.vault.journal.complete(entry.id);
    return;
  }
  try {
    await confirmRefresh(core, w, entry.id, j.newPairs);
  } catch (e) {
    if (!isPairGone(e)) throw e;
    await core.vault.write([
      { type: 'deleteShare', ref: shareRef(w.id, 'secp256k1', j.newPairs.secp256k1) },
      { type: 'deleteShare', ref: shareRef(w.id, 'ed25519', j.newPairs.ed25519) },
      { type: 'journalComplete', id: entry.id },
    ]);
  }
}
