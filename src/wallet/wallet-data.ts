/**
 * The wallet's public metadata, kept in the vault's plain `wallets` store (no secrets: addresses, public
 * keys, the pinned enclave identity, which pair ids are the signing pairs). One wallet per device.
 */
import type { Curve } from '../vault/schema.ts';
import type { ShareRef } from '../vault/shares.ts';
import { WalletError } from './errors.ts';

export interface WalletData {
  v: 1;
  /** 'pending' until the enclave confirmed the first signing pairs (addresses are not shown before). */
  state: 'pending' | 'ready';
  addresses: { evm: string; solana: string };
  /** Hex: secp256k1 compressed Q (33 bytes), ed25519 group key (32 bytes). */
  publicKeys: { secp256k1: string; ed25519: string };
  /** Hex ed25519 identity key of the enclave, pinned at generation; never changed by settings. */
  enclaveIdentityKey: string;
  devicePublicKey: string;
  signingPairs: Record<Curve, string>;
  createdAt: number;
  lastRefreshAt: number;
  /** Set once the keys were exported (eject): the wallet signs locally from then on. */
  keyExportedAt?: number;
  /**
   * Set once a page confirmed it displayed the exported keys (SPEC §4.7 "shown once"): from then on they are
   * never returned again. Unset after an eject whose keys never reached the screen (worker died, popup closed).
   */
  keysShownAt?: number;
  /**
   * Set when we learnt from the enclave that another device exported (ejected) this wallet's key: this
   * device still co-signs and holds no full key (so not `keyExportedAt`), but the key is out in full, so
   * the wallet warns permanently and advises moving the funds (SPEC §4.7).
   */
  keyExportedElsewhereAt?: number;
  /** Another device recovered this wallet: our device key was revoked. */
  restoredElsewhere?: boolean;
}

export const CURVES: readonly Curve[] = ['secp256k1', 'ed25519'];

export function parseWalletData(raw: Record<string, unknown> | undefined): WalletData | undefined {
  if (!raw) return undefined;
  const d = raw as unknown as WalletData;
  if (
    d.v !== 1 ||
    (d.state !== 'pending' && d.state !== 'ready') ||
    typeof d.addresses?.evm !== 'string' ||
    typeof d.addresses?.solana !== 'string' ||
    typeof d.publicKeys?.secp256k1 !== 'string' ||
    typeof d.publicKeys?.ed25519 !== 'string' ||
    typeof d.enclaveIdentityKey !== 'string' ||
    typeof d.signingPairs?.secp256k1 !== 'string' ||
    typeof d.signingPairs?.ed25519 !== 'string' ||
    !optionalTime(d.keyExportedAt) ||
    !optionalTime(d.keysShownAt) ||
    !optionalTime(d.keyExportedElsewhereAt) ||
    // Shown keys imply exported keys: a record claiming otherwise is not ours.
    (d.keysShownAt !== undefined && d.keyExportedAt === undefined)
  )
    throw new WalletError('INTERNAL', 'wallet record');
  return d;
}

function optionalTime(t: unknown): boolean {
  return t === undefined || (typeof t === 'number' && Number.isFinite(t) && t >= 0);
}

export const SHARE_KIND = 'client-share';
export const EJECTED_KIND = 'ejected-key';
export const DEVICE_KIND = 'device-key';
export const RECOVERY_KIND = 'recovery-key';

export function shareRef(walletId: string, curve: Curve, pairId: string): ShareRef {
  return { walletId, curve, pairId, kind: SHARE_KIND };
}

export function deviceKeyRef(walletId: string): ShareRef {
  return { walletId, curve: 'ed25519', pairId: 'device', kind: DEVICE_KIND };
}

export function recoveryKeyRef(walletId: string): ShareRef {
  return { walletId, curve: 'ed25519', pairId: 'recovery', kind: RECOVERY_KIND };
}

export function ejectedKeyRef(walletId: string, curve: Curve): ShareRef {
  return { walletId, curve, pairId: 'ejected', kind: EJECTED_KIND };
}
