/** XChaCha20-Poly1305 with a fresh random 24-byte nonce per seal (collision-safe at random). */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

export function randomNonce(): Uint8Array {
  return randomBytes(NONCE_BYTES);
}

export function seal(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Sealed {
  const nonce = randomNonce();
  return { nonce, ciphertext: sealWithNonce(key, nonce, plaintext, associatedData) };
}

/** For formats whose associated data contains the nonce itself (the backup file header). */
export function sealWithNonce(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Uint8Array {
  return xchacha20poly1305(key, nonce, associatedData).encrypt(plaintext);
}

/** The plaintext, or undefined when the tag does not verify (wrong key, altered data or associated data). */
export function open(key: Uint8Array, sealed: Sealed, associatedData: Uint8Array): Uint8Array | undefined {
  if (
    !(sealed.nonce instanceof Uint8Array) ||
    sealed.nonce.length !== NONCE_BYTES ||
    !(sealed.ciphertext instanceof Uint8Array) ||
    sealed.ciphertext.length < TAG_BYTES
  )
    return undefined;
  try {
    return xchacha20poly1305(key, sealed.nonce, associatedData).decrypt(sealed.ciphertext);
  } catch {
    return undefined;
  }
}
