import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { MpcError } from '../common/errors.ts';

/** The two parties of every FROST key: fixed identifiers 1 and 2 (never `derive`, which breaks λ below). */
export type FrostRole = 'client' | 'enclave';

export const CLIENT_ID: string = ed25519_FROST.Identifier.fromNumber(1);
export const ENCLAVE_ID: string = ed25519_FROST.Identifier.fromNumber(2);
export const SIGNERS = { min: 2, max: 2 } as const;

export const Fn = ed25519.Point.Fn;

export function idOf(role: FrostRole): string {
  return role === 'client' ? CLIENT_ID : ENCLAVE_ID;
}

export function peerOf(role: FrostRole): FrostRole {
  return role === 'client' ? 'enclave' : 'client';
}

/** Lagrange coefficients at 0 for the identifier set {1, 2}: λ₁ = 2/(2−1) = 2, λ₂ = 1/(1−2) = −1. */
export const LAMBDA: Readonly<Record<FrostRole, bigint>> = { client: 2n, enclave: Fn.ORDER - 1n };

/**
 * A received scalar: exactly 32 little-endian bytes below the group order (no silent reduction), and
 * non-zero unless `allowZero`. Refusals are BAD_SCALAR naming the field, never its value.
 */
export function readScalar(bytes: Uint8Array, what: string, opts: { allowZero?: boolean } = {}): bigint {
  if (bytes.length !== 32) throw new MpcError('BAD_SCALAR', `${what}: expected 32 bytes`);
  let x = 0n;
  for (let i = 31; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i]!);
  if (x >= Fn.ORDER) throw new MpcError('BAD_SCALAR', `${what}: not below the group order`);
  if (x === 0n && !opts.allowZero) throw new MpcError('BAD_SCALAR', `${what}: zero`);
  return x;
}

export function scalarBytes(x: bigint): Uint8Array {
  return Fn.toBytes(Fn.create(x));
}
