/**
 * What the vault keeps in storage.session while unlocked: the vault id, the unwrapped vault key and the
 * auto-lock deadline (checked on every use, so a missed alarm still locks).
 */
import { KEY_BYTES } from './aead.ts';
import { fromBase64, toBase64 } from './encoding.ts';

export interface SessionEntry {
  vaultId: string;
  key: Uint8Array;
  /** Epoch ms after which the entry is treated as locked. */
  lockAt: number;
}

export function encodeSessionEntry(e: SessionEntry): string {
  return JSON.stringify({ v: 1, vaultId: e.vaultId, key: toBase64(e.key), lockAt: e.lockAt });
}

export function decodeSessionEntry(s: string | undefined): SessionEntry | undefined {
  if (typeof s !== 'string') return undefined;
  let x: unknown;
  try {
    x = JSON.parse(s);
  } catch {
    return undefined;
  }
  if (!x || typeof x !== 'object') return undefined;
  const o = x as Record<string, unknown>;
  if (o.v !== 1 || typeof o.vaultId !== 'string' || typeof o.lockAt !== 'number') return undefined;
  const key = typeof o.key === 'string' ? fromBase64(o.key) : undefined;
  if (!key || key.length !== KEY_BYTES) return undefined;
  return { vaultId: o.vaultId, key, lockAt: o.lockAt };
}
