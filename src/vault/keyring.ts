/**
 * The key hierarchy's top: a random 256-bit vault key, wrapped with XChaCha20-Poly1305 under a key derived
 * from the password. The KDF parameters and salt are stored in clear with the wrapped key and bound into its
 * associated data, so a downgrade of the stored parameters makes the unwrap fail instead of weakening it.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { KEY_BYTES, NONCE_BYTES, open, seal } from './aead.ts';
import { constantTimeEqual, encodeAssociatedData, wipe } from './encoding.ts';
import { VaultError } from './errors.ts';
import { derivePasswordKeys, isValidSalt, isValidScryptParams, newKdf, type ScryptParams } from './kdf.ts';
import type { VaultKeyRecord } from './schema.ts';

const WRAP_DOMAIN = 'twofold/vault/key-wrap/v1';

export function newVaultKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

function wrapAssociatedData(vaultId: string, kdf: VaultKeyRecord['kdf']): Uint8Array {
  // The salt is bound through the KDF output itself; N, r, p and the vault id are bound here.
  return encodeAssociatedData(WRAP_DOMAIN, [vaultId, kdf.name, kdf.N, kdf.r, kdf.p]);
}

/** Wrap `vaultKey` under `password` with fresh salt and nonce. */
export async function wrapVaultKey(
  vaultKey: Uint8Array,
  password: string,
  params: ScryptParams,
  vaultId: string,
  now: number,
  createdAt = now,
): Promise<VaultKeyRecord> {
  const kdf = newKdf(params);
  const derived = await derivePasswordKeys(password, kdf);
  try {
    const { nonce, ciphertext } = seal(derived.key, vaultKey, wrapAssociatedData(vaultId, kdf));
    return {
      id: 'vaultKey',
      format: 1,
      vaultId,
      kdf,
      check: derived.check.slice(),
      nonce,
      wrappedKey: ciphertext,
      createdAt,
      updatedAt: now,
    };
  } finally {
    wipe(derived.key, derived.check);
  }
}

/** The vault key (caller wipes it). WRONG_PASSWORD if the password check fails, VAULT_CORRUPT if the wrap does. */
export async function unwrapVaultKey(record: VaultKeyRecord, password: string): Promise<Uint8Array> {
  const derived = await derivePasswordKeys(password, record.kdf);
  try {
    if (!constantTimeEqual(derived.check, record.check)) throw new VaultError('WRONG_PASSWORD');
    const key = open(
      derived.key,
      { nonce: record.nonce, ciphertext: record.wrappedKey },
      wrapAssociatedData(record.vaultId, record.kdf),
    );
    if (!key || key.length !== KEY_BYTES) throw new VaultError('VAULT_CORRUPT');
    return key;
  } finally {
    wipe(derived.key, derived.check);
  }
}

const bytesOf = (x: unknown, len?: number): x is Uint8Array =>
  x instanceof Uint8Array && (len === undefined || x.length === len);

/** Shape check of a stored key record before any KDF runs on its parameters. */
export function isVaultKeyRecord(x: unknown): x is VaultKeyRecord {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  const kdf = r.kdf as Record<string, unknown> | undefined;
  return (
    r.id === 'vaultKey' &&
    r.format === 1 &&
    typeof r.vaultId === 'string' &&
    /^[0-9a-f]{32}$/.test(r.vaultId) &&
    !!kdf &&
    kdf.name === 'scrypt' &&
    isValidScryptParams(kdf) &&
    isValidSalt(kdf.salt) &&
    bytesOf(r.check, 32) &&
    bytesOf(r.nonce, NONCE_BYTES) &&
    bytesOf(r.wrappedKey, KEY_BYTES + 16) &&
    typeof r.createdAt === 'number' &&
    typeof r.updatedAt === 'number'
  );
}
