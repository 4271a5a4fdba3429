import { describe, expect, it } from 'vitest';
import { base58Encode } from './base58.ts';

describe('base58', () => {
  it('matches known vectors (Bitcoin/Solana alphabet)', () => {
    const t = (s: string) => new TextEncoder().encode(s);
    expect(base58Encode(new Uint8Array())).toBe('');
    expect(base58Encode(Uint8Array.of(0))).toBe('1');
    expect(base58Encode(Uint8Array.of(0, 0, 1))).toBe('112');
    expect(base58Encode(t('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(base58Encode(t('The quick brown fox jumps over the lazy dog'))).toBe(
      '7DdiPPYtxLjCD3wA1po2rvZHTDYjkZYiEtazrfiwJcwnKCizhGFhBGHeRdx',
    );
    // Solana's system program id is 32 zero bytes.
    expect(base58Encode(new Uint8Array(32))).toBe('11111111111111111111111111111111');
  });
});
