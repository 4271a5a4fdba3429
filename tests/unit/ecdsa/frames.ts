import { expect } from 'vitest';
import { bigintToBytes } from '../../../src/mpc/common/bytes.ts';
import { base64urlDecode, base64urlEncode } from '../../../src/mpc/common/codec.ts';
import { MpcError, type MpcErrorCode } from '../../../src/mpc/common/errors.ts';

/** Frame surgery for the malicious-peer tests: edit the JSON of a frame and re-serialise it. */
export type Json = Record<string, unknown>;

export function editFrame(frame: string, edit: (o: Json) => void): string {
  const o = JSON.parse(frame) as Json;
  edit(o);
  return JSON.stringify(o);
}

export const big = (x: bigint): string => base64urlEncode(bigintToBytes(x));
export const unbig = (s: unknown): bigint => {
  let v = 0n;
  for (const b of base64urlDecode(s as string)) v = (v << 8n) | BigInt(b);
  return v;
};
export const bytes = (b: Uint8Array): string => base64urlEncode(b);
export const unbytes = (s: unknown): Uint8Array => base64urlDecode(s as string);

export function frameType(frame: string): string {
  return (JSON.parse(frame) as Json).t as string;
}

/** Runs fn, expects an MpcError with `code`, and checks that its text carries none of the secrets. */
export function expectRefusal(fn: () => unknown, code: MpcErrorCode, secrets: bigint[]): MpcError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeInstanceOf(MpcError);
  const e = err as MpcError;
  expect(e.code).toBe(code);
  for (const s of secrets) {
    if (s === 0n) continue;
    expect(e.message).not.toContain(s.toString());
    expect(e.message.toLowerCase()).not.toContain(s.toString(16));
    expect(String(e.stack)).not.toContain(s.toString(16));
  }
  return e;
}
