import { expect } from 'vitest';
import { randomBytes } from '../common/bytes.ts';
import { MpcError, type MpcErrorCode } from '../common/errors.ts';
import type { ProofContext } from './context.ts';

/** Test helpers for the proofs: a fresh context and an assertion on the typed refusal. */
export function testContext(aux = 'test'): ProofContext {
  return { sid: randomBytes(32), pid: randomBytes(32), aux };
}

export function otherContexts(ctx: ProofContext): ProofContext[] {
  return [
    { ...ctx, sid: randomBytes(32) },
    { ...ctx, pid: randomBytes(32) },
    { ...ctx, aux: `${ctx.aux}-other` },
  ];
}

/** Asserts fn throws MpcError with `code`, and that no listed secret (as decimal or hex) is in the message. */
export function expectRefused(fn: () => unknown, code: MpcErrorCode, secrets: bigint[] = []): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(MpcError);
  const e = err as MpcError;
  expect(e.code).toBe(code);
  for (const s of secrets) {
    expect(e.message).not.toContain(s.toString());
    expect(e.message.toLowerCase()).not.toContain(s.toString(16));
  }
}
