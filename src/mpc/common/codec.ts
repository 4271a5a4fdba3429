import { MpcError } from './errors.ts';

/**
 * Strict, versioned wire codec for every protocol message (SPEC §5.3, issue 3 item 3).
 *
 * Frames are JSON-shaped objects `{ v: 1, t: '<type>', ...fields }`. Bigints and bytes travel as canonical
 * unpadded base64url strings (bigints as their minimal big-endian bytes, zero as one 0x00 byte; negative
 * bigints, where a schema allows them, with a leading '-'). Decoding refuses anything that is not exactly
 * what the schema allows: extra or missing keys, wrong types, out-of-bound sizes, non-canonical encodings.
 * Every refusal is `MpcError('MALFORMED_MESSAGE', ...)` naming the failing field, never its value.
 */

export const WIRE_VERSION = 1 as const;

/** Upper bound on the text of one frame, checked before JSON.parse (the largest proof is well under this). */
export const MAX_FRAME_CHARS = 1 << 20;

export interface Schema<T> {
  readonly kind: string;
  /** Decode a JSON value; `path` names the field for errors. */
  read(v: unknown, path: string): T;
  /** Encode to a JSON value, validating the same bounds as `read`. */
  write(v: T, path: string): unknown;
  /** Set on schemas made by `s.optional`: the key may be absent from an object. */
  readonly optional?: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(path: string, what: string): never {
  throw new MpcError('MALFORMED_MESSAGE', `${path || 'message'}: ${what}`);
}

// ---- base64url (RFC 4648 §5, no padding), strict ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const REVERSE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) REVERSE[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Strict decode: alphabet only, no padding, no impossible length, unused trailing bits must be zero. */
export function base64urlDecode(s: string, path = 'value'): Uint8Array {
  const len = s.length;
  if (len % 4 === 1) fail(path, 'base64url of impossible length');
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? REVERSE[c]! : -1;
    if (d < 0) fail(path, 'not unpadded base64url');
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) fail(path, 'non-canonical base64url (trailing bits)');
  return out;
}

function bytesToBig(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex.length ? BigInt(`0x${hex}`) : 0n;
}

function bigToBytes(x: bigint): Uint8Array {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

// ---- schema builders ----

export interface BigintOpts {
  /** Bound on the bit length of |x| (required: every bigint on the wire is bounded). */
  maxBits: number;
  /** Allow negative values (encoded with a leading '-'). Default false. */
  signed?: boolean;
  /** Inclusive lower and upper bounds, checked after the bit-length bound. */
  min?: bigint;
  max?: bigint;
}

function bigintSchema(opts: BigintOpts): Schema<bigint> {
  const maxChars = Math.ceil((Math.ceil(opts.maxBits / 8) * 4) / 3) + 2;
  const check = (x: bigint, path: string): void => {
    if (x < 0n && !opts.signed) fail(path, 'negative integer not allowed');
    if (bitLength(x < 0n ? -x : x) > opts.maxBits) fail(path, `integer exceeds ${opts.maxBits} bits`);
    if (opts.min !== undefined && x < opts.min) fail(path, 'integer below lower bound');
    if (opts.max !== undefined && x > opts.max) fail(path, 'integer above upper bound');
  };
  return {
    kind: 'bigint',
    read(v, path) {
      if (typeof v !== 'string') fail(path, 'expected integer string');
      if (v.length > maxChars) fail(path, `integer exceeds ${opts.maxBits} bits`);
      // Signed fields always carry an explicit sign ('+' or '-', neither ambiguous there); unsigned fields
      // never do ('-' is a base64url digit).
      let neg = false;
      let body = v;
      if (opts.signed) {
        const sign = v.charAt(0);
        if (sign !== '+' && sign !== '-') fail(path, 'signed integer without sign');
        neg = sign === '-';
        body = v.slice(1);
      }
      const b = base64urlDecode(body, path);
      if (b.length === 0) fail(path, 'empty integer');
      if (b.length > 1 && b[0] === 0) fail(path, 'non-minimal integer (leading zero byte)');
      const mag = bytesToBig(b);
      if (neg && mag === 0n) fail(path, 'negative zero');
      const x = neg ? -mag : mag;
      check(x, path);
      return x;
    },
    write(x, path) {
      if (typeof x !== 'bigint') fail(path, 'expected bigint');
      check(x, path);
      const body = base64urlEncode(bigToBytes(x < 0n ? -x : x));
      return opts.signed ? `${x < 0n ? '-' : '+'}${body}` : body;
    },
  };
}

export type BytesOpts = { len: number } | { min: number; max: number };

function bytesSchema(opts: BytesOpts): Schema<Uint8Array> {
  const [min, max] = 'len' in opts ? [opts.len, opts.len] : [opts.min, opts.max];
  const maxChars = Math.ceil((max * 4) / 3);
  const check = (n: number, path: string): void => {
    if (n < min || n > max)
      fail(path, min === max ? `expected ${min} bytes` : `expected ${min}..${max} bytes`);
  };
  return {
    kind: 'bytes',
    read(v, path) {
      if (typeof v !== 'string') fail(path, 'expected bytes string');
      if (v.length > maxChars) fail(path, `expected at most ${max} bytes`);
      const b = base64urlDecode(v, path);
      check(b.length, path);
      return b;
    },
    write(b, path) {
      if (!(b instanceof Uint8Array)) fail(path, 'expected Uint8Array');
      check(b.length, path);
      return base64urlEncode(b);
    },
  };
}

function stringSchema(opts: { maxLen: number; minLen?: number; pattern?: RegExp }): Schema<string> {
  const check = (v: unknown, path: string): string => {
    if (typeof v !== 'string') fail(path, 'expected string');
    if (v.length > opts.maxLen) fail(path, `string longer than ${opts.maxLen}`);
    if (v.length < (opts.minLen ?? 0)) fail(path, `string shorter than ${opts.minLen}`);
    if (opts.pattern && !opts.pattern.test(v)) fail(path, 'string does not match its pattern');
    return v;
  };
  return { kind: 'string', read: check, write: check };
}

type Lit = string | number | boolean;

function literalSchema<const L extends Lit>(value: L): Schema<L> {
  const check = (v: unknown, path: string): L => {
    if (v !== value) fail(path, 'unexpected value for a constant field');
    return value;
  };
  return { kind: 'literal', read: check, write: check };
}

function intSchema(opts: { min: number; max: number }): Schema<number> {
  const check = (v: unknown, path: string): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, 'expected integer');
    if (v < opts.min || v > opts.max) fail(path, `integer outside ${opts.min}..${opts.max}`);
    return v;
  };
  return { kind: 'int', read: check, write: check };
}

const booleanSchema: Schema<boolean> = {
  kind: 'boolean',
  read(v, path) {
    if (typeof v !== 'boolean') fail(path, 'expected boolean');
    return v;
  },
  write(v, path) {
    if (typeof v !== 'boolean') fail(path, 'expected boolean');
    return v;
  },
};

function arraySchema<T>(item: Schema<T>, opts: { maxLen: number; minLen?: number }): Schema<T[]> {
  const check = (v: unknown, path: string): unknown[] => {
    if (!Array.isArray(v)) fail(path, 'expected array');
    if (v.length > opts.maxLen) fail(path, `array longer than ${opts.maxLen}`);
    if (v.length < (opts.minLen ?? 0)) fail(path, `array shorter than ${opts.minLen}`);
    return v;
  };
  return {
    kind: 'array',
    read(v, path) {
      const a = check(v, path);
      const out: T[] = new Array(a.length);
      for (let i = 0; i < a.length; i++) out[i] = item.read(a[i], `${path}[${i}]`);
      return out;
    },
    write(v, path) {
      const a = check(v, path) as T[];
      return a.map((x, i) => item.write(x, `${path}[${i}]`));
    },
  };
}

function optionalSchema<T>(inner: Schema<T>): Schema<T | undefined> & { optional: true } {
  return {
    kind: `optional<${inner.kind}>`,
    optional: true,
    read: (v, path) => inner.read(v, path),
    write: (v, path) => (v === undefined ? undefined : inner.write(v, path)),
  };
}

type Fields = Record<string, Schema<unknown>>;
type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { optional: true } ? K : never;
}[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<F extends Fields> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & {
    [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined>;
  }
>;

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function objectSchema<F extends Fields>(fields: F): Schema<ObjectOf<F>> {
  const keys = Object.keys(fields);
  const known = new Set(keys);
  const sub = (path: string, k: string): string => (path ? `${path}.${k}` : k);
  return {
    kind: 'object',
    read(v, path) {
      if (!isPlainObject(v)) fail(path, 'expected object');
      for (const k of Object.keys(v)) if (!known.has(k)) fail(path, 'unexpected key');
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const f = fields[k]!;
        if (!hasOwn(v, k) || v[k] === undefined) {
          if (f.optional) continue;
          fail(sub(path, k), 'missing');
        }
        out[k] = f.read(v[k], sub(path, k));
      }
      return out as ObjectOf<F>;
    },
    write(value, path) {
      const v: unknown = value;
      if (!isPlainObject(v)) fail(path, 'expected object');
      for (const k of Object.keys(v)) if (!known.has(k) && v[k] !== undefined) fail(path, 'unexpected key');
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const f = fields[k]!;
        const x = v[k];
        if (x === undefined) {
          if (f.optional) continue;
          fail(sub(path, k), 'missing');
        }
        out[k] = f.write(x, sub(path, k));
      }
      return out;
    },
  };
}

/** A versioned frame: `{ v: 1, t: type, ...fields }`. */
function frameSchema<const T extends string, F extends Fields>(
  type: T,
  fields: F,
): Schema<ObjectOf<{ v: Schema<typeof WIRE_VERSION>; t: Schema<T> } & F>> {
  return objectSchema({ v: literalSchema(WIRE_VERSION), t: literalSchema(type), ...fields }) as never;
}

export const s = {
  bigint: bigintSchema,
  bytes: bytesSchema,
  string: stringSchema,
  literal: literalSchema,
  int: intSchema,
  boolean: () => booleanSchema,
  array: arraySchema,
  object: objectSchema,
  optional: optionalSchema,
  frame: frameSchema,
};

/** Any internal exception becomes MALFORMED_MESSAGE without its text (it could quote a value). */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MpcError) throw e;
    throw new MpcError('MALFORMED_MESSAGE', 'undecodable value');
  }
}

/** Validate and encode a value to its JSON-shaped wire form. */
export function encode<S extends Schema<unknown>>(schema: S, value: Infer<S>): unknown {
  return guard(() => schema.write(value, ''));
}

/** Decode a JSON-shaped value (for example the result of JSON.parse) against a schema. */
export function decode<S extends Schema<unknown>>(schema: S, json: unknown): Infer<S> {
  return guard(() => schema.read(json, '') as Infer<S>);
}

/** Encode to JSON text. */
export function encodeText<S extends Schema<unknown>>(schema: S, value: Infer<S>): string {
  return JSON.stringify(encode(schema, value));
}

/** Decode from JSON text, refusing oversized text and invalid JSON before the schema runs. */
export function decodeText<S extends Schema<unknown>>(
  schema: S,
  text: unknown,
  maxChars: number = MAX_FRAME_CHARS,
): Infer<S> {
  if (typeof text !== 'string') fail('', 'expected text');
  if (text.length > maxChars) fail('', 'frame too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('', 'invalid JSON');
  }
  return decode(schema, json);
}

/** Reads the `t` field of a frame without validating the rest (for dispatch); refuses non-frames. */
export function frameType(json: unknown): string {
  if (!isPlainObject(json)) fail('', 'expected object');
  if (json.v !== WIRE_VERSION) fail('v', 'unsupported wire version');
  const t = json.t;
  if (typeof t !== 'string' || t.length === 0 || t.length > 64) fail('t', 'bad message type');
  return t;
}
