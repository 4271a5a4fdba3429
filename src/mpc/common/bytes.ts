/** Byte and integer helpers shared by the protocols. Pure: no I/O, no globals beyond WebCrypto randomness. */

const te = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return te.encode(s);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Fresh randomness from `crypto.getRandomValues` (SPEC §5.3 item 8), in chunks of at most 64 KiB. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += 65536)
    crypto.getRandomValues(out.subarray(off, Math.min(n, off + 65536)));
  return out;
}

/** Unsigned big-endian bytes of a non-negative bigint, minimal length (zero is one 0x00 byte). */
export function bigintToBytes(x: bigint): Uint8Array {
  if (x < 0n) throw new RangeError('negative integer');
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Unsigned big-endian, left-padded to exactly `len` bytes. */
export function bigintToFixedBytes(x: bigint, len: number): Uint8Array {
  const b = bigintToBytes(x);
  if (b.length > len) throw new RangeError('integer too large for length');
  const out = new Uint8Array(len);
  out.set(b, len - b.length);
  return out;
}

export function bytesToBigint(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex.length ? BigInt(`0x${hex}`) : 0n;
}

/** Uniform integer in [0, bound) by rejection sampling. */
export function randomBelow(bound: bigint): bigint {
  if (bound <= 0n) throw new RangeError('bound must be positive');
  const bits = bound.toString(2).length;
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    const v = bytesToBigint(randomBytes(bytes)) >> excess;
    if (v < bound) return v;
  }
}

/** Constant-shape equality of byte strings (no early exit on the first difference). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Best-effort erasure of a secret buffer once it is no longer needed. */
export function wipe(...bufs: (Uint8Array | undefined)[]): void {
  for (const b of bufs) b?.fill(0);
}
