/** Argument checks shared by the record APIs (INVALID_ARGUMENT names the field, never its value). */

import { wipe } from './encoding.ts';
import { VaultError } from './errors.ts';
import { passwordBytes } from './kdf.ts';
import type { Curve, ShareStatus } from './schema.ts';

export const CURVES: readonly Curve[] = ['secp256k1', 'ed25519'];
const ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;
const KIND_RE = /^[a-z][a-z0-9-]{0,31}$/;

export function checkId(x: unknown, field: string): string {
  if (typeof x !== 'string' || !ID_RE.test(x)) throw new VaultError('INVALID_ARGUMENT', field);
  return x;
}

export function checkKind(x: unknown, field = 'kind'): string {
  if (typeof x !== 'string' || !KIND_RE.test(x)) throw new VaultError('INVALID_ARGUMENT', field);
  return x;
}

export function checkCurve(x: unknown): Curve {
  if (!CURVES.includes(x as Curve)) throw new VaultError('INVALID_ARGUMENT', 'curve');
  return x as Curve;
}

export function checkStatus(x: unknown): ShareStatus {
  if (x !== 'pending' && x !== 'active') throw new VaultError('INVALID_ARGUMENT', 'status');
  return x;
}

export function checkBytes(x: unknown, field: string): Uint8Array {
  if (!(x instanceof Uint8Array)) throw new VaultError('INVALID_ARGUMENT', field);
  return x;
}

export const MIN_PASSWORD_LENGTH = 8;

export function isValidMinutes(m: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 1440;
}

/** A new vault password: at least MIN_PASSWORD_LENGTH characters after NFKC normalisation. */
export function checkNewPassword(password: unknown): void {
  if (typeof password !== 'string') throw new VaultError('INVALID_ARGUMENT', 'password');
  const bytes = passwordBytes(password);
  const chars = [...password.normalize('NFKC')].length;
  wipe(bytes);
  if (chars < MIN_PASSWORD_LENGTH) throw new VaultError('WEAK_PASSWORD');
  if (bytes.length > 1024) throw new VaultError('INVALID_ARGUMENT', 'password too long');
}
