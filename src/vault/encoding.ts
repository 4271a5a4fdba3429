/** Byte encodings used by the vault: base64 for JSON-facing bytes, length-prefixed associated data, ids. */
import { randomBytes } from '@noble/hashes/utils.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Standard base64 with padding (no Buffer / btoa dependence, so it also runs in a service worker). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

/** Strict decoder: canonical padded base64 only; returns undefined for anything else. */
export function fromBase64(s: string): Uint8Array | undefined {
  if (typeof s !== 'string' || s.length % 4 !== 0) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = s[i + j]!;
      const last = i + 4 === s.length;
      if (ch === '=' && last && j >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = B64_INDEX.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  // Reject non-canonical encodings (non-zero bits hidden in the padding).
  return toBase64(out) === s ? out : undefined;
}

const te = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return te.encode(s);
}

/**
 * Unambiguous associated data: a domain tag followed by fields, each as a 4-byte big-endian length and its
 * UTF-8 bytes, so no two different field lists encode to the same bytes.
 */
export function encodeAssociatedData(domain: string, fields: readonly (string | number)[]): Uint8Array {
  const parts = [domain, ...fields.map(String)].map(utf8);
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let off = 0;
  for (const p of parts) {
    view.setUint32(off, p.length);
    out.set(p, off + 4);
    off += 4 + p.length;
  }
  return out;
}

/** A random 128-bit id in lowercase hex (journal entries, vault id). */
export function randomId(): string {
  let hex = '';
  for (const b of randomBytes(16)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Equality without an early exit on the first differing byte. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Best-effort erasure of secret buffers once they are no longer needed. */
export function wipe(...bufs: (Uint8Array | undefined)[]): void {
  for (const b of bufs) b?.fill(0);
}
