/** Argument checks shared by the record APIs (INVALID_ARGUMENT names the field, never its value). */
import { VaultError } from './errors.ts';
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
