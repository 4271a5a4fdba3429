/**
 * The ejected keys are shown once (SPEC §4.7). The page that displays them (the eject page, or "Show exported
 * keys") confirms it with `markExportedKeysShown`, which records `keysShownAt` in the wallet record. Until
 * then `showExportedKeys` returns the keys an eject stored, behind the wallet password: that covers the user
 * who never saw them (the worker died after the eject stored them, or the popup was closed during the eject).
 * Afterwards they are refused (KEY_ALREADY_SHOWN); moving the funds is the way on.
 *
 * Only for an ejected wallet (a two-party wallet has no full key anywhere). Both refusals come before the
 * password, so they count nothing; the password is checked by the vault's own unlock path, so a wrong one
 * counts toward the same growing delay as the unlock screen.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { EjectedKeys } from '../messaging/page-messages.ts';
import { WalletError } from './errors.ts';
import { fromHex, hex } from './keys.ts';
import type { LoadedWallet, WalletCore } from './wallet-core.ts';
import { ejectedKeyRef, type WalletData } from './wallet-data.ts';

/** The wallet must be unlocked (the caller checks): a locked vault is no password oracle here either. */
export async function showExportedKeys(
  core: WalletCore,
  w: LoadedWallet,
  password: string,
): Promise<EjectedKeys> {
  if (w.data.keyExportedAt === undefined) throw new WalletError('KEY_NOT_EXPORTED');
  if (w.data.keysShownAt !== undefined) throw new WalletError('KEY_ALREADY_SHOWN');
  // Re-authentication: the vault's KDF check with its wrong-password count and delay (no copy of it here).
  await core.vault.unlock(password);
  const evm = await core.vault.shares.get(ejectedKeyRef(w.id, 'secp256k1'));
  const sol = await core.vault.shares.get(ejectedKeyRef(w.id, 'ed25519'));
  try {
    if (!evm || !sol) throw new WalletError('INTERNAL', 'exported key missing');
    // Shown keys must control the shown addresses: check them against the wallet's public keys again.
    if (hex(secp256k1.getPublicKey(evm.plaintext, true)) !== w.data.publicKeys.secp256k1)
      throw new WalletError('INTERNAL', 'exported secp256k1 key does not match the wallet');
    if (!scalarMatches(sol.plaintext, w.data.publicKeys.ed25519))
      throw new WalletError('INTERNAL', 'exported ed25519 key does not match the wallet');
    return {
      evmPrivateKey: `0x${hex(evm.plaintext)}`,
      solanaScalar: hex(sol.plaintext),
      addresses: { walletId: w.id, ...w.data.addresses },
    };
  } finally {
    evm?.plaintext.fill(0);
    sol?.plaintext.fill(0);
  }
}

/**
 * A page displayed the exported keys: record it once (the first time is kept, so a repeated confirmation
 * changes nothing). Written like eject's keyExportedAt: the wallet record in one vault write.
 */
export async function markExportedKeysShown(core: WalletCore, w: LoadedWallet): Promise<number> {
  if (w.data.keyExportedAt === undefined) throw new WalletError('KEY_NOT_EXPORTED');
  if (w.data.keysShownAt !== undefined) return w.data.keysShownAt;
  const shownAt = core.vault.clock.now();
  const data: WalletData = { ...w.data, keysShownAt: shownAt };
  await core.vault.write([{ type: 'putWallet', id: w.id, data: data as unknown as Record<string, unknown> }]);
  w.data = data;
  return shownAt;
}

/** a·B = A for the little-endian scalar a (an ejected ed25519 key is a scalar, not an RFC 8032 seed). */
function scalarMatches(scalar: Uint8Array, publicKeyHex: string): boolean {
  let a: bigint;
  try {
    a = ed25519.Point.Fn.fromBytes(scalar);
  } catch {
    return false;
  }
  return a !== 0n && ed25519.Point.BASE.multiply(a).equals(ed25519.Point.fromBytes(fromHex(publicKeyHex)));
}
