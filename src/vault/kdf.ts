/**
 * Password → key with scrypt (SPEC §6). One scrypt run gives 64 bytes: the first 32 are the wrapping key,
 * the last 32 a password check stored beside the ciphertext. The check tells a wrong password apart from
 * tampered data (and makes the AEAD key-committing); it gives an attacker nothing the ciphertext's tag does
 * not already give, at the same scrypt cost per guess.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { utf8, wipe } from './encoding.ts';
import { VaultError } from './errors.ts';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** The KDF description stored in clear with whatever it protects, so parameters can be raised later. */
export interface StoredKdf extends ScryptParams {
  name: 'scrypt';
  salt: Uint8Array;
}

export const VAULT_KDF_DEFAULT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
export const BACKUP_KDF_DEFAULT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 18, r: 8, p: 1 });

export const SALT_BYTES = 32;
/** Milliseconds scrypt may run before yielding to the event loop, so the service worker keeps answering. */
const ASYNC_TICK_MS = 10;
/**
 * Bounds for parameters read from storage or a file: refuse absurd memory/time instead of trying. 512 MiB
 * (N = 2^19 at r = 8) leaves one doubling above the backup default and is what a service worker can bear.
 */
const MIN_LOG_N = 10;
const MAX_LOG_N = 19;
const MAX_MEMORY_BYTES = 2 ** 29;

export function isValidScryptParams(x: unknown): x is ScryptParams {
  if (!x || typeof x !== 'object') return false;
  const { N, r, p } = x as Record<string, unknown>;
  if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(p)) return false;
  const n = N as number;
  const logN = Math.log2(n);
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) return false;
  if ((r as number) < 1 || (r as number) > 16 || (p as number) < 1 || (p as number) > 4) return false;
  return 128 * n * (r as number) <= MAX_MEMORY_BYTES;
}

export function isValidSalt(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array && x.length >= 16 && x.length <= 64;
}

export function newKdf(params: ScryptParams): StoredKdf {
  if (!isValidScryptParams(params)) throw new VaultError('INVALID_ARGUMENT', 'scrypt parameters');
  return { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: randomBytes(SALT_BYTES) };
}

/** Passwords are NFKC-normalised so the same password typed on another platform derives the same key. */
export function passwordBytes(password: string): Uint8Array {
  return utf8(password.normalize('NFKC'));
}

export interface PasswordKeys {
  /** 32-byte XChaCha20-Poly1305 key. */
  key: Uint8Array;
  /** 32-byte password check. */
  check: Uint8Array;
}

export async function derivePasswordKeys(password: string, kdf: StoredKdf): Promise<PasswordKeys> {
  const pw = passwordBytes(password);
  try {
    const out = await scryptAsync(pw, kdf.salt, {
      N: kdf.N,
      r: kdf.r,
      p: kdf.p,
      dkLen: 64,
      asyncTick: ASYNC_TICK_MS,
      maxmem: MAX_MEMORY_BYTES + 4096,
    });
    const keys = { key: out.slice(0, 32), check: out.slice(32, 64) };
    wipe(out);
    return keys;
  } finally {
    wipe(pw);
  }
}

/** True when `stored` is weaker than `wanted` (then the caller re-wraps with the stronger parameters). */
export function isWeakerThan(stored: ScryptParams, wanted: ScryptParams): boolean {
  return stored.N * stored.r * stored.p < wanted.N * wanted.r * wanted.p;
}
