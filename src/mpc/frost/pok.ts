import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, randomBytes } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { Transcript } from '../common/transcript.ts';
import { Fn, type FrostRole, readScalar, scalarBytes } from './roles.ts';
import type { EdPoint, FrostSuite } from './suite.ts';

/**
 * Schnorr proof of knowledge of x with X = x·G on ed25519, bound to the session id, the prover's role, a
 * purpose tag, the pair id and its group key (SPEC §5.3 item 5): a proof made for one session, purpose or
 * pair never verifies for another. Proof = R ‖ z (32 + 32 bytes), z = k + c·x.
 */
export interface PokContext {
  sid: Uint8Array;
  prover: FrostRole;
  /** Purpose, e.g. 'eject' or 'pair-check'. */
  tag: string;
  pairId: string;
  groupKey: Uint8Array;
}

const G = ed25519.Point.BASE;

function challenge(ctx: PokContext, X: Uint8Array, R: Uint8Array): bigint {
  const wide = new Transcript('twofold/frost/pok/v1')
    .appendBytes('sid', ctx.sid)
    .appendString('prover', ctx.prover)
    .appendString('tag', ctx.tag)
    .appendString('pairId', ctx.pairId)
    .appendBytes('groupKey', ctx.groupKey)
    .appendBytes('X', X)
    .appendBytes('R', R)
    .challengeBytes('c', 64);
  let c = 0n;
  for (const b of wide) c = (c << 8n) | BigInt(b);
  return Fn.create(c);
}

function randomNonZeroScalar(): bigint {
  // 64 uniform bytes reduced mod q: bias below 2^-250.
  for (;;) {
    let k = 0n;
    for (const b of randomBytes(64)) k = (k << 8n) | BigInt(b);
    k = Fn.create(k);
    if (k !== 0n) return k;
  }
}

export function provePok(ctx: PokContext, x: bigint, X: Uint8Array): Uint8Array {
  const k = randomNonZeroScalar();
  const R = G.multiply(k).toBytes();
  const c = challenge(ctx, X, R);
  return concatBytes(R, scalarBytes(Fn.add(k, Fn.mul(c, x))));
}

/** Refuses a bad R (BAD_POINT), a bad z (BAD_SCALAR) or a failing equation (BAD_PROOF). */
export function verifyPok(
  ctx: PokContext,
  X: EdPoint,
  proof: Uint8Array,
  suite: FrostSuite,
  who: string,
): void {
  if (proof.length !== 64) throw new MpcError('BAD_PROOF', `${who} proof of knowledge: wrong length`);
  const Rb = proof.subarray(0, 32);
  const R = suite.point(Rb, `${who} proof of knowledge R`);
  const z = readScalar(proof.subarray(32), `${who} proof of knowledge z`, { allowZero: true });
  const c = challenge(ctx, X.toBytes(), Rb);
  if (!G.multiplyUnsafe(z).equals(R.add(X.multiplyUnsafe(c))))
    throw new MpcError('BAD_PROOF', `${who} proof of knowledge of its share does not verify`);
}

/**
 * Proof that the holder of `share` knows its signing share, for the given purpose (e.g. 'recovery' when a
 * restored client authenticates with its backup share, SPEC §4.5). The verifier checks it against the
 * verifying share it holds for that role.
 */
export function proveShareKnowledge(
  share: {
    role: FrostRole;
    signingShare: Uint8Array;
    pairId: string;
    groupKey: Uint8Array;
    verifyingShares: Record<FrostRole, Uint8Array>;
  },
  sid: Uint8Array,
  tag: string,
): Uint8Array {
  const x = readScalar(share.signingShare, 'signing share');
  const ctx = { sid, prover: share.role, tag, pairId: share.pairId, groupKey: share.groupKey };
  return provePok(ctx, x, share.verifyingShares[share.role]);
}

export function verifyShareKnowledge(
  pub: { pairId: string; groupKey: Uint8Array; verifyingShares: Record<FrostRole, Uint8Array> },
  prover: FrostRole,
  sid: Uint8Array,
  tag: string,
  proof: Uint8Array,
  suite: FrostSuite,
): void {
  const X = suite.point(pub.verifyingShares[prover], `${prover} verifying share`);
  verifyPok({ sid, prover, tag, pairId: pub.pairId, groupKey: pub.groupKey }, X, proof, suite, prover);
}
