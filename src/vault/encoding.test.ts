import { describe, expect, it } from 'vitest';
import { constantTimeEqual, encodeAssociatedData, fromBase64, toBase64 } from './encoding.ts';

describe('encoding', () => {
  it('base64 matches the platform encoder and round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 73 + n) & 255);
      const s = toBase64(b);
      expect(s).toBe(Buffer.from(b).toString('base64'));
      expect(fromBase64(s)).toEqual(b);
    }
  });

  it('base64 decoding is strict', () => {
    for (const bad of ['A', 'AB=', 'A===', 'AB?=', 'AB=C', 'AR==', 'ABC '])
      expect(fromBase64(bad)).toBeUndefined();
  });

  it('associated data is unambiguous', () => {
    const a = encodeAssociatedData('d', ['ab', 'c']);
    const b = encodeAssociatedData('d', ['a', 'bc']);
    expect(constantTimeEqual(a, b)).toBe(false);
    expect(constantTimeEqual(a, encodeAssociatedData('d', ['ab', 'c']))).toBe(true);
  });
});
