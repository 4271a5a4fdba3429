import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  decode,
  decodeText,
  encode,
  encodeText,
  frameType,
  type Infer,
  s,
} from './codec.ts';
import { MpcError } from './errors.ts';

const Msg = s.frame('test.msg', {
  n: s.bigint({ maxBits: 64 }),
  z: s.bigint({ maxBits: 64, signed: true }),
  b: s.bytes({ len: 4 }),
  vb: s.bytes({ min: 1, max: 8 }),
  name: s.string({ maxLen: 5 }),
  i: s.int({ min: 0, max: 10 }),
  list: s.array(s.bigint({ maxBits: 8 }), { maxLen: 3 }),
  nested: s.object({ flag: s.boolean() }),
  opt: s.optional(s.int({ min: 0, max: 1 })),
});
type Msg = Infer<typeof Msg>;

const good: Msg = {
  v: 1,
  t: 'test.msg',
  n: 0x0102n,
  z: -5n,
  b: new Uint8Array([0, 1, 2, 3]),
  vb: new Uint8Array([9]),
  name: 'abc',
  i: 3,
  list: [0n, 255n],
  nested: { flag: true },
};

function malformed(fn: () => unknown, field?: string): MpcError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MpcError);
    const err = e as MpcError;
    expect(err.code).toBe('MALFORMED_MESSAGE');
    if (field) expect(err.message).toContain(field);
    return err;
  }
  throw new Error('expected a MALFORMED_MESSAGE refusal');
}

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 20; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(base64urlDecode(base64urlEncode(b))).toEqual(b);
    }
  });
  it('refuses padding, wrong alphabet, impossible length and dirty trailing bits', () => {
    malformed(() => base64urlDecode('AQ=='));
    malformed(() => base64urlDecode('A+/B'));
    malformed(() => base64urlDecode('AQIDB'));
    malformed(() => base64urlDecode('AR')); // 'R' leaves non-zero unused bits
    malformed(() => base64urlDecode('AQ\u00e9'));
    expect(base64urlDecode('AQ')).toEqual(new Uint8Array([1]));
  });
});

describe('codec', () => {
  it('round-trips a frame, through JSON text too', () => {
    const wire = encode(Msg, good);
    expect(wire).toMatchObject({ v: 1, t: 'test.msg', n: 'AQI', z: '-BQ', b: 'AAECAw' });
    expect(decode(Msg, wire)).toEqual(good);
    expect(decodeText(Msg, encodeText(Msg, { ...good, opt: 1 }))).toEqual({ ...good, opt: 1 });
    expect(frameType(wire)).toBe('test.msg');
  });

  const mutate = (patch: Record<string, unknown>): Record<string, unknown> => ({
    ...(encode(Msg, good) as Record<string, unknown>),
    ...patch,
  });

  it('round-trips random integers of every size, signed and unsigned', () => {
    const U = s.bigint({ maxBits: 600 });
    const S = s.bigint({ maxBits: 600, signed: true });
    for (let i = 0; i < 300; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(1 + (i % 75)));
      let x = 0n;
      for (const b of bytes) x = (x << 8n) | BigInt(b);
      expect(decode(U, encode(U, x))).toBe(x);
      expect(decode(S, encode(S, x))).toBe(x);
      expect(decode(S, encode(S, -x))).toBe(-x);
    }
  });

  it('refuses wrong version, type, extra and missing keys', () => {
    malformed(() => decode(Msg, mutate({ v: 2 })), 'v');
    malformed(() => decode(Msg, mutate({ t: 'other' })), 't');
    malformed(() => decode(Msg, mutate({ extra: 1 })), 'unexpected key');
    malformed(() => decode(Msg, JSON.parse('{"__proto__":{"x":1},"v":1}')), 'unexpected key');
    const { n: _n, ...missing } = mutate({});
    malformed(() => decode(Msg, missing), 'n');
    malformed(() => frameType(mutate({ v: 2 })), 'v');
    malformed(() => frameType([]));
  });

  it('refuses non-canonical and out-of-bound integers', () => {
    malformed(() => decode(Msg, mutate({ n: 'AAEC' })), 'n'); // leading zero byte
    malformed(() => decode(Msg, mutate({ n: '' })), 'n');
    malformed(() => decode(Msg, mutate({ n: 'AQI=' })), 'n');
    malformed(() => decode(Msg, mutate({ z: 'BQ' })), 'z'); // signed field without its sign
    malformed(() => decode(Msg, mutate({ n: '+AQ' })), 'n'); // unsigned field with a sign
    // '-' is a base64url digit: an unsigned value whose encoding starts with it is not negative.
    expect(decode(Msg, mutate({ n: '-w' })).n).toBe(0xfbn);
    expect(decode(Msg, mutate({ z: '+AA' })).z).toBe(0n);
    malformed(() => decode(Msg, mutate({ z: '-AA' })), 'z'); // negative zero
    malformed(() => decode(Msg, mutate({ n: 'AQIDBAUGBwgJ' })), 'n'); // 72 bits
    malformed(() => decode(Msg, mutate({ n: 'A'.repeat(1_000_000) })), 'n');
    malformed(() => decode(Msg, mutate({ n: 258 })), 'n');
    malformed(() => decode(Msg, mutate({ list: ['AQI'] })), 'list[0]');
    expect(decode(Msg, mutate({ n: 'AA' })).n).toBe(0n);
    const bounded = s.bigint({ maxBits: 16, min: 1n, max: 300n });
    malformed(() => decode(bounded, 'AA'));
    malformed(() => decode(bounded, 'AS0')); // 301
    expect(decode(bounded, 'ASw')).toBe(300n);
  });

  it('refuses wrong sizes and types', () => {
    malformed(() => decode(Msg, mutate({ b: 'AAEC' })), 'b');
    malformed(() => decode(Msg, mutate({ vb: '' })), 'vb');
    malformed(() => decode(Msg, mutate({ name: 'abcdef' })), 'name');
    malformed(() => decode(Msg, mutate({ name: 5 })), 'name');
    malformed(() => decode(Msg, mutate({ i: 11 })), 'i');
    malformed(() => decode(Msg, mutate({ i: 1.5 })), 'i');
    malformed(() => decode(Msg, mutate({ i: '1' })), 'i');
    malformed(() => decode(Msg, mutate({ list: ['AA', 'AA', 'AA', 'AA'] })), 'list');
    malformed(() => decode(Msg, mutate({ list: {} })), 'list');
    malformed(() => decode(Msg, mutate({ nested: { flag: 'true' } })), 'nested.flag');
    malformed(() => decode(Msg, mutate({ nested: null })), 'nested');
    malformed(() => decode(Msg, mutate({ opt: 2 })), 'opt');
    malformed(() => decode(Msg, null));
    malformed(() => decode(Msg, 'x'));
    malformed(() => decode(Msg, new Map()));
  });

  it('refuses invalid and oversized text, and hostile objects without leaking values', () => {
    malformed(() => decodeText(Msg, '{"v":1,'), 'invalid JSON');
    malformed(() => decodeText(Msg, `"${'x'.repeat(100)}"`, 50), 'too large');
    const hostile = mutate({});
    Object.defineProperty(hostile, 'n', {
      enumerable: true,
      get() {
        throw new Error('secret-123');
      },
    });
    const err = malformed(() => decode(Msg, hostile));
    expect(err.message).not.toContain('secret-123');
    // The value of a refused field never appears in the error.
    const err2 = malformed(() => decode(Msg, mutate({ name: 'supersecretvalue' })));
    expect(err2.message).not.toContain('supersecretvalue');
  });

  it('random byte-level mutations of a frame decode canonically or are refused with MALFORMED_MESSAGE', () => {
    const text = encodeText(Msg, good);
    const alphabet = 'AZaz09-_+=/"{}[],:.\\ e1\u00e9';
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const chars = [...text];
      const pos = i % chars.length;
      const op = i % 3;
      const ch = alphabet[(i * 7) % alphabet.length]!;
      if (op === 0) chars[pos] = ch;
      else if (op === 1) chars.splice(pos, 1);
      else chars.splice(pos, 0, ch);
      const mutated = chars.join('');
      try {
        const v = decodeText(Msg, mutated);
        // Whatever decodes must re-encode to exactly the accepted text modulo JSON whitespace (canonical).
        expect(encodeText(Msg, v)).toBe(JSON.stringify(JSON.parse(mutated)));
      } catch (e) {
        expect(e).toBeInstanceOf(MpcError);
        expect((e as MpcError).code).toBe('MALFORMED_MESSAGE');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('validates on encode too', () => {
    malformed(() => encode(Msg, { ...good, n: 1n << 64n }), 'n');
    malformed(() => encode(Msg, { ...good, n: -1n }), 'n');
    malformed(() => encode(Msg, { ...good, b: new Uint8Array(3) }), 'b');
    malformed(() => encode(Msg, { ...good, extra: 1 } as Msg), 'unexpected key');
  });
});
