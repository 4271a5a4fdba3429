/**
 * generateWallet (SPEC §4.1): DKG for both curves with the enclave, seal the client shares as pending,
 * confirm (`confirmPairs` → STORED_CLIENT), and only then activate and show the addresses.
 *
 * Steps: 'keys' (device + recovery keys made in memory) → enclave DKG, with the vault's scrypt in parallel →
 * 'stored' (pending shares, keys, the pending wallet record and the journal entry in one transaction) →
 * confirm → done. Before 'stored' nothing is on disk to resolve (the enclave expires unconfirmed pairs); at
 * the next start or unlock an entry at 'stored' is confirmed (idempotent) and activated, or rolled back if
 * the enclave no longer has the pairs.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { WalletAddresses } from '../messaging/page-messages.ts';
import { ed25519Signer } from '../mpc/channel/index.ts';
import { checkFrostShare } from '../mpc/frost/index.ts';
import { randomId } from '../vault/encoding.ts';
import type { JournalEntry } from '../vault/journal.ts';
import { checkNewPassword } from '../vault/validate.ts';
import { WalletError } from './errors.ts';
import { checkEcdsaClientShare, evmAddressOf, hex, solanaAddressOf } from './keys.ts';
import { encodeEcdsaShare, encodeFrostClientShare } from './share-codec.ts';
import {
  confirmAndActivateSigningPairs,
  isPairGone,
  type LoadedWallet,
  type WalletCore,
} from './wallet-core.ts';
import { deviceKeyRef, recoveryKeyRef, shareRef, type WalletData } from './wallet-data.ts';

export const GENERATE_OP = 'generate';
const TOTAL = 4;

interface GenerateJournal {
  identityKey: string;
  walletId?: string;
  pairIds?: { secp256k1: string; ed25519: string };
}

export async function generateWallet(core: WalletCore, password: string): Promise<WalletAddresses> {
  const vault = core.vault;
  if (await core.wallet()) throw new WalletError('WALLET_EXISTS');
  checkNewPassword(password);
  const identityKey = core.opts.enclaveIdentityKey.toLowerCase();
  const enclave = await core.enclave(identityKey);

  const deviceSk = ed25519.utils.randomSecretKey();
  const recoverySk = ed25519.utils.randomSecretKey();
  const deviceKey = ed25519Signer(deviceSk);
  core.step('generate', 'keys', 1, TOTAL);
  // The vault's scrypt runs while the enclave computes its half: nothing is stored before both are done,
  // so an interruption here leaves nothing to resolve (the enclave expires its unconfirmed pairs).
  const prepareVault = async () => {
    // A vault without a wallet holds nothing of value (an abandoned first attempt): start it afresh.
    if (await vault.exists()) await vault.eraseAll();
    await vault.createVault(password);
  };
  const [, created] = await Promise.all([
    prepareVault(),
    enclave.createWallet({ deviceKey, recoveryPublicKey: ed25519.getPublicKey(recoverySk) }),
  ]);
  core.step('generate', 'dkg', 2, TOTAL);

  const { ecdsaShare, frostShare, walletId } = created;
  checkEcdsaClientShare(ecdsaShare);
  checkFrostShare(frostShare);
  const pairIds = { secp256k1: ecdsaShare.pairId, ed25519: frostShare.pairId };
  const now = core.vault.clock.now();
  const data: WalletData = {
    v: 1,
    state: 'pending',
    addresses: { evm: evmAddressOf(ecdsaShare.Q), solana: solanaAddressOf(frostShare.groupKey) },
    publicKeys: { secp256k1: hex(ecdsaShare.Q), ed25519: hex(frostShare.groupKey) },
    enclaveIdentityKey: identityKey,
    devicePublicKey: hex(deviceKey.publicKey),
    signingPairs: pairIds,
    createdAt: now,
    lastRefreshAt: now,
  };
  const entryId = randomId();
  const ecdsaBytes = encodeEcdsaShare(ecdsaShare);
  const frostBytes = encodeFrostClientShare(frostShare);
  try {
    await vault.write([
      {
        type: 'putShare',
        ref: shareRef(walletId, 'secp256k1', pairIds.secp256k1),
        status: 'pending',
        plaintext: ecdsaBytes,
      },
      {
        type: 'putShare',
        ref: shareRef(walletId, 'ed25519', pairIds.ed25519),
        status: 'pending',
        plaintext: frostBytes,
      },
      { type: 'putShare', ref: deviceKeyRef(walletId), status: 'active', plaintext: deviceSk },
      { type: 'putShare', ref: recoveryKeyRef(walletId), status: 'active', plaintext: recoverySk },
      { type: 'putWallet', id: walletId, data: data as unknown as Record<string, unknown> },
      {
        type: 'journalBegin',
        id: entryId,
        op: GENERATE_OP,
        walletId,
        step: 'stored',
        data: { identityKey, walletId, pairIds } satisfies GenerateJournal,
      },
    ]);
  } finally {
    ecdsaBytes.fill(0);
    frostBytes.fill(0);
    deviceSk.fill(0);
    recoverySk.fill(0);
    frostShare.signingShare.fill(0);
  }
  core.step('generate', 'stored', 3, TOTAL);

  const w: LoadedWallet = { id: walletId, data };
  await confirmAndActivate(core, w, entryId);
  core.step('generate', 'done', TOTAL, TOTAL);
  return { walletId, ...data.addresses };
}

async function confirmAndActivate(core: WalletCore, w: LoadedWallet, entryId: string): Promise<void> {
  await confirmAndActivateSigningPairs(core, w, await core.deviceAuth(w), entryId);
}

/** Resolve an interrupted generation (vault unlocked). */
export async function resolveGenerate(core: WalletCore, entry: JournalEntry): Promise<void> {
  const j = entry.data as GenerateJournal;
  const w = await core.wallet();
  if (entry.step !== 'stored' || !j.walletId || !w || w.id !== j.walletId) {
    // Nothing was stored: the enclave discards its unconfirmed pairs on its own (24 h).
    await core.vault.journal.complete(entry.id);
    return;
  }
  if (w.data.state === 'ready') {
    await core.vault.journal.complete(entry.id);
    return;
  }
  try {
    await confirmAndActivate(core, w, entry.id);
  } catch (e) {
    if (!isPairGone(e)) throw e;
    // The enclave expired or never kept the pairs: discard the half-made wallet on this side too.
    await core.vault.write([
      { type: 'deleteShare', ref: shareRef(w.id, 'secp256k1', w.data.signingPairs.secp256k1) },
      { type: 'deleteShare', ref: shareRef(w.id, 'ed25519', w.data.signingPairs.ed25519) },
      { type: 'deleteShare', ref: deviceKeyRef(w.id) },
      { type: 'deleteShare', ref: recoveryKeyRef(w.id) },
      { type: 'deleteWallet', id: w.id },
      { type: 'journalComplete', id: entry.id },
    ]);
  }
}
