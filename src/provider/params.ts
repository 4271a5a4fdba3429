import { isAddress } from 'viem';
import type { ProviderRequest } from './provider-context.ts';
import { providerErrors } from './provider-errors.ts';

/** Positional params of a request, with -32602 when the shape is wrong. */
export function positionalParams(req: ProviderRequest, min: number, max = min): unknown[] {
  const p = req.params === undefined ? [] : req.params;
  if (!Array.isArray(p))
    throw providerErrors.invalidParams(`${req.method}: params must be an array (got ${typeof p}).`);
  if (p.length < min || p.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw providerErrors.invalidParams(`${req.method}: expected ${want} parameter(s), got ${p.length}.`);
  }
  return p;
}

export function addressParam(method: string, name: string, v: unknown): `0x${string}` {
  if (typeof v !== 'string' || !isAddress(v, { strict: false }))
    throw providerErrors.invalidParams(`${method}: ${name} must be a 0x-prefixed 20-byte address.`);
  return v as `0x${string}`;
}

const HEX_DATA = /^0x([0-9a-fA-F]{2})*$/;
const HEX_QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/;

export function isHexData(v: unknown): v is `0x${string}` {
  return typeof v === 'string' && HEX_DATA.test(v);
}

export function quantityParam(method: string, name: string, v: unknown): bigint {
  if (typeof v !== 'string' || !HEX_QUANTITY.test(v) || v.length > 66)
    throw providerErrors.invalidParams(
      `${method}: ${name} must be a hex quantity like 0x1a (no leading zeros).`,
    );
  return BigInt(v);
}

export function objectParam(method: string, name: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw providerErrors.invalidParams(`${method}: ${name} must be an object.`);
  return v as Record<string, unknown>;
}

export const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
