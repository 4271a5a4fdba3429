import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { expect } from 'vitest';
import { base64urlEncode } from '../common/codec.ts';
import { MpcError, type MpcErrorCode } from '../common/errors.ts';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { freshSid, runSessions, type Tamper } from './loopback.ts';
import type { FrostClientShare, FrostEnclaveShare } from './share.ts';
import { FrostSignClient, FrostSignEnclave } from './sign.ts';
import { createFrostSuite, type FrostSuite } from './suite.ts';

/** Test-only helpers (not exported from index.ts): key pairs, co-signing, refusal checks, bad points. */
export { freshSid, runSessions, type Tamper } from './loopback.ts';

export interface TestPair {
  client: FrostClientShare;
  enclave: FrostEnclaveShare;
  cs: FrostSuite;
  es: FrostSuite;
}

/** A fresh key pair, each party with its own suite (as two processes would). */
export function keygenPair(pairId = 'pair-1', suites?: { cs: FrostSuite; es: FrostSuite }): TestPair {
  const sid = freshSid();
  const cs = suites?.cs ?? createFrostSuite();
  const es = suites?.es ?? createFrostSuite();
  const c = new FrostDkgClient({ sid, pairId, mode: 'keygen', suite: cs });
  const e = new FrostDkgEnclave({ sid, pairId, mode: 'keygen', suite: es });
  runSessions(c, e);
  return { client: c.result().share, enclave: e.result().share, cs, es };
}

export function cosign(
  client: FrostClientShare,
  enclave: FrostEnclaveShare,
  message: Uint8Array,
  suites: { cs: FrostSuite; es: FrostSuite },
  tamper?: Tamper,
): Uint8Array {
  const sid = freshSid();
  const c = new FrostSignClient({ sid, share: client, message, suite: suites.cs });
  const e = new FrostSignEnclave({ sid, share: enclave, suite: suites.es });
  runSessions(c, e, tamper);
  return c.result().signature;
}

/** The ways a secret could leak into an error text: hex (both cases) and base64url. */
function renderings(secret: Uint8Array): string[] {
  const hex = bytesToHex(secret);
  return [hex, hex.toUpperCase(), base64urlEncode(secret), hex.slice(0, 16)];
}

/**
 * Runs `fn`, expects a typed refusal with `code`, and checks that none of `secrets` appears in its message or
 * stack, and that its message quotes no encoded value at all.
 */
export function expectRefusal(fn: () => unknown, code: MpcErrorCode, secrets: Uint8Array[] = []): MpcError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ${code} refusal`).toBeInstanceOf(MpcError);
  const err = caught as MpcError;
  expect(err.code, err.message).toBe(code);
  const text = `${err.message}\n${err.stack ?? ''}`;
  for (const s of secrets) for (const r of renderings(s)) expect(text).not.toContain(r);
  // Whatever the secrets were: no error text carries an encoded value (a long hex or base64url run).
  expect(err.message).not.toMatch(/[0-9a-fA-F]{16,}/);
  expect(err.message).not.toMatch(/[A-Za-z0-9_-]{24,}/);
  return err;
}

// ---- received-point test vectors ----
/** A point of order 8 (libsodium's small-order blocklist). */
export const ORDER8 = hexToBytes('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
export const IDENTITY = hexToBytes(`01${'00'.repeat(31)}`);
/** y = p + 1 ≡ 1: the identity encoded with y ≥ p (non-canonical). */
export const NONCANONICAL = hexToBytes(`ee${'ff'.repeat(30)}7f`);
/** 5·G plus the order-8 point: on the curve, not small order, but with a torsion component. */
export function torsioned(): Uint8Array {
  return ed25519.Point.BASE.multiply(5n).add(ed25519.Point.fromBytes(ORDER8)).toBytes();
}
/** y = 1 (so x = 0) with the x sign bit set: a non-canonical identity encoding. */
export const NEGATIVE_ZERO_X = hexToBytes(`01${'00'.repeat(30)}80`);
