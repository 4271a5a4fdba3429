import { s } from '../common/codec.ts';

/**
 * Frames of the secure channel (SPEC §7). The three handshake frames travel in clear (they carry only
 * public values); every later frame is `ch.data`, sealed with XChaCha20-Poly1305.
 */
export const CHANNEL_VERSION = 1 as const;

/** Largest sealed payload (the service's frame limit is 256 KiB of JSON text). */
export const MAX_SEALED_BYTES = 190 * 1024;

const key32 = s.bytes({ len: 32 });
const sig64 = s.bytes({ len: 64 });

/** How the client authenticates in the third handshake message. */
export type ChannelAuthMode = 'device' | 'register' | 'recovery';

export const walletIdSchema = s.string({ minLen: 1, maxLen: 64, pattern: /^[A-Za-z0-9_-]+$/ });

export const channelSchemas = {
  hello: s.frame('ch.hello', { version: s.int({ min: 0, max: 1000 }), eC: key32, nC: key32 }),
  accept: s.frame('ch.accept', { eE: key32, nE: key32, identityKey: key32, sig: sig64 }),
  auth: s.frame('ch.auth', {
    mode: s.string({ minLen: 1, maxLen: 16, pattern: /^(device|register|recovery)$/ }),
    walletId: s.optional(walletIdSchema),
    authKey: key32,
    sig: sig64,
  }),
  data: s.frame('ch.data', {
    n: s.int({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    c: s.bytes({ min: 16, max: MAX_SEALED_BYTES + 16 }),
  }),
};
