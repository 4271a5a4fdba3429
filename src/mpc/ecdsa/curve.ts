import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bigintToFixedBytes, bytesToBigint, randomBelow } from '../common/bytes.ts';
import { MpcError, mpcAssert } from '../common/errors.ts';

/** secp256k1 helpers for the two-party ECDSA protocol: canonical points, range-checked scalars. */
export const Point = secp256k1.Point;
export type Point = InstanceType<typeof secp256k1.Point>;
export const G: Point = Point.BASE;
/** Group order q. */
export const q: bigint = Point.Fn.ORDER;

export function modQ(x: bigint): bigint {
  const r = x % q;
  return r < 0n ? r + q : r;
}

/** A uniformly random non-zero scalar from `crypto.getRandomValues`. */
export function randomScalar(): bigint {
  return randomBelow(q - 1n) + 1n;
}

export function invQ(x: bigint): bigint {
  return Point.Fn.inv(modQ(x));
}

/** Compressed SEC1 encoding (33 bytes) of a point that is never the identity. */
export function encodePoint(p: Point): Uint8Array {
  mpcAssert(!p.is0(), 'BAD_POINT', 'identity point cannot be encoded');
  return p.toBytes(true);
}

/**
 * Decodes a received point: exactly 33 bytes, compressed, on the curve, not the identity (SPEC §5.3 item 7).
 * The re-encoding check rejects any non-canonical form (x ≥ p).
 */
export function decodePoint(bytes: Uint8Array, what: string): Point {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 33 || (bytes[0] !== 2 && bytes[0] !== 3))
    throw new MpcError('BAD_POINT', `${what}: not a compressed secp256k1 point`);
  let p: Point;
  try {
    p = Point.fromBytes(bytes);
    p.assertValidity();
  } catch {
    throw new MpcError('BAD_POINT', `${what}: not on the curve`);
  }
  mpcAssert(!p.is0(), 'BAD_POINT', `${what}: identity point`);
  const again = p.toBytes(true);
  for (let i = 0; i < 33; i++)
    if (again[i] !== bytes[i]) throw new MpcError('BAD_POINT', `${what}: non-canonical encoding`);
  return p;
}

/** Checks a point that is already a Point object (e.g. computed): not the identity. */
export function assertPoint(p: Point, what: string): void {
  mpcAssert(!p.is0(), 'BAD_POINT', `${what}: identity point`);
  try {
    p.assertValidity();
  } catch {
    throw new MpcError('BAD_POINT', `${what}: not on the curve`);
  }
}

/** A received scalar: 0 < x < q (or 0 ≤ x < q when zero is allowed). */
export function checkScalar(x: bigint, what: string, allowZero = false): bigint {
  mpcAssert(typeof x === 'bigint', 'BAD_SCALAR', `${what}: not an integer`);
  mpcAssert(x >= (allowZero ? 0n : 1n) && x < q, 'BAD_SCALAR', `${what}: out of range`);
  return x;
}

export function scalarToBytes(x: bigint): Uint8Array {
  return bigintToFixedBytes(modQ(x), 32);
}

/** A 32-byte digest as the integer m < q (the standard ECDSA truncation for a 256-bit curve, reduced). */
export function digestToScalar(digest: Uint8Array): bigint {
  mpcAssert(
    digest instanceof Uint8Array && digest.length === 32,
    'MALFORMED_MESSAGE',
    'digest must be 32 bytes',
  );
  return modQ(bytesToBigint(digest));
}

export function pointsEqual(a: Point, b: Point): boolean {
  return a.equals(b);
}
