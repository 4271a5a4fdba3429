/**
 * Plaintext forms of what the wallet seals in the vault and in backup files: client shares (the MPC cores'
 * own schemas), the device and recovery keys, ejected keys, and the backup file body. All decoding is strict
 * (src/mpc/common/codec.ts) and every decoded share is checked against its public values before use.
 */
import { decode, encode, type Infer, s } from '../mpc/common/codec.ts';
import { type EcdsaP2Share, ecdsaP2ShareSchema } from '../mpc/ecdsa/shares.ts';
import {
  checkFrostShare,
  decodeFrostShare,
  encodeFrostShare,
  type FrostClientShare,
  frostClientShareSchema,
} from '../mpc/frost/index.ts';
import { WalletError } from './errors.ts';
import { checkEcdsaClientShare } from './keys.ts';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

function toBytes(json: unknown): Uint8Array {
  return enc.encode(JSON.stringify(json));
}

function fromBytes(b: Uint8Array): unknown {
  try {
    return JSON.parse(dec.decode(b));
  } catch {
    throw new WalletError('INTERNAL', 'undecodable record');
  }
}

export function encodeEcdsaShare(share: EcdsaP2Share): Uint8Array {
  return toBytes(encode(ecdsaP2ShareSchema, share));
}

/** Decode and check x2·G = Q2 and Q1 + Q2 = Q. */
export function decodeEcdsaShare(b: Uint8Array): EcdsaP2Share {
  const share = guarded(() => decode(ecdsaP2ShareSchema, fromBytes(b)));
  checkEcdsaClientShare(share);
  return share;
}

export function encodeFrostClientShare(share: FrostClientShare): Uint8Array {
  return toBytes(encodeFrostShare(share));
}

/** Decode and check s₁·G = Y₁ and that the public package combines to the group key. */
export function decodeFrostClientShare(b: Uint8Array): FrostClientShare {
  return guarded(() => decodeFrostShare('client', fromBytes(b)));
}

const key32 = s.bytes({ len: 32 });

/** The sealed body of a backup file (SPEC §4.4). */
export const backupBodySchema = s.frame('twofold.backup.body', {
  walletId: s.string({ minLen: 1, maxLen: 128 }),
  /** The enclave identity key the wallet is pinned to (public; the header carries its fingerprint). */
  enclaveIdentityKey: key32,
  ecdsa: ecdsaP2ShareSchema,
  frost: frostClientShareSchema,
  /** The recovery key's ed25519 secret: authenticates a recovery at the enclave. */
  recoverySecretKey: key32,
});
export type BackupBody = Infer<typeof backupBodySchema>;

export interface BackupContents {
  walletId: string;
  enclaveIdentityKey: Uint8Array;
  ecdsa: EcdsaP2Share;
  frost: FrostClientShare;
  recoverySecretKey: Uint8Array;
}

export function encodeBackupBody(c: BackupContents): Uint8Array {
  const frost = encodeFrostShare(c.frost) as Infer<typeof frostClientShareSchema>;
  const frostDecoded = decode(frostClientShareSchema, frost);
  return toBytes(
    encode(backupBodySchema, {
      v: 1,
      t: 'twofold.backup.body',
      walletId: c.walletId,
      enclaveIdentityKey: c.enclaveIdentityKey,
      ecdsa: c.ecdsa,
      frost: frostDecoded,
      recoverySecretKey: c.recoverySecretKey,
    }),
  );
}

/** Decode a backup body and check both shares against their public values (BACKUP_MISMATCH if not). */
export function decodeBackupBody(b: Uint8Array): BackupContents {
  let body: BackupBody;
  try {
    body = decode(backupBodySchema, fromBytes(b));
  } catch {
    throw new WalletError('BAD_BACKUP_FILE', 'body');
  }
  const { pairId, role, signingShare, groupKey, commitment, verifyingShares } = body.frost;
  const frost: FrostClientShare = { pairId, role, signingShare, groupKey, commitment, verifyingShares };
  try {
    checkEcdsaClientShare(body.ecdsa);
    checkFrostShare(frost);
  } catch {
    throw new WalletError('BACKUP_MISMATCH', 'share does not match its public share');
  }
  return {
    walletId: body.walletId,
    enclaveIdentityKey: body.enclaveIdentityKey,
    ecdsa: body.ecdsa,
    frost,
    recoverySecretKey: body.recoverySecretKey,
  };
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WalletError) throw e;
    throw new WalletError('INTERNAL', 'a stored share failed its consistency check');
  }
}
