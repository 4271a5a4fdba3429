import { sha256 } from '@noble/hashes/sha2.js';
import { bigintToBytes, concatBytes, utf8 } from './bytes.ts';

/**
 * Fiat–Shamir transcript with length-prefixed, typed encoding (SPEC §5.3 item 5): every appended value is
 * framed as (type tag, 4-byte length, bytes), so no two different sequences of values hash alike.
 * A transcript starts from a protocol tag, and proofs add the session id, the prover's party id and a
 * distinct aux tag before any statement value.
 */
export class Transcript {
  private readonly parts: Uint8Array[] = [];

  constructor(tag: string) {
    this.appendString('tag', tag);
  }

  private frame(kind: number, label: string, data: Uint8Array): this {
    const l = utf8(label);
    const head = new Uint8Array(9);
    const dv = new DataView(head.buffer);
    head[0] = kind;
    dv.setUint32(1, l.length);
    dv.setUint32(5, data.length);
    this.parts.push(head, l, data);
    return this;
  }

  appendBytes(label: string, data: Uint8Array): this {
    return this.frame(1, label, data);
  }

  appendString(label: string, s: string): this {
    return this.frame(2, label, utf8(s));
  }

  appendBigint(label: string, x: bigint): this {
    if (x < 0n) return this.frame(4, label, bigintToBytes(-x));
    return this.frame(3, label, bigintToBytes(x));
  }

  appendNumber(label: string, n: number): this {
    return this.appendBigint(label, BigInt(n));
  }

  /** Digest of everything appended so far (the transcript can keep growing afterwards). */
  digest(): Uint8Array {
    return sha256(concatBytes(...this.parts));
  }

  /**
   * `count` challenge bytes derived from the transcript state with a counter (SHA-256 in counter mode),
   * for challenges longer than 32 bytes (binary challenge vectors, wide integers).
   */
  challengeBytes(label: string, count: number): Uint8Array {
    const seed = this.appendString('challenge', label).digest();
    const out = new Uint8Array(count);
    for (let i = 0, off = 0; off < count; i++, off += 32) {
      const ctr = new Uint8Array(4);
      new DataView(ctr.buffer).setUint32(0, i);
      const block = sha256(concatBytes(seed, ctr));
      out.set(block.subarray(0, Math.min(32, count - off)), off);
    }
    return out;
  }

  /** A challenge integer of exactly `bits` bits of entropy (top bits masked). */
  challengeBigint(label: string, bits: number): bigint {
    const bytes = this.challengeBytes(label, Math.ceil(bits / 8));
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    return v & ((1n << BigInt(bits)) - 1n);
  }
}
