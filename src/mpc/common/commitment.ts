import { bytesEqual, randomBytes } from './bytes.ts';
import { MpcError, mpcAssert } from './errors.ts';
import { Transcript } from './transcript.ts';

/**
 * Hash commitments for commit-before-reveal (SPEC §5.3 item 6): SHA-256 over a length-prefixed transcript
 * of (session id, committer's party id, a tag naming what is committed, the values, 256-bit randomness).
 * Binding by collision resistance; hiding because the 256-bit randomness is fresh and never reused.
 */
export const COMMITMENT_RANDOMNESS_BYTES = 32;

export interface CommitmentBinding {
  sid: Uint8Array;
  pid: Uint8Array;
  tag: string;
}

export interface Commitment {
  commitment: Uint8Array;
  randomness: Uint8Array;
}

function commitmentDigest(b: CommitmentBinding, values: readonly Uint8Array[], rand: Uint8Array): Uint8Array {
  const t = new Transcript('twofold/v1/commitment')
    .appendBytes('sid', b.sid)
    .appendBytes('pid', b.pid)
    .appendString('what', b.tag)
    .appendNumber('count', values.length);
  for (const [i, v] of values.entries()) t.appendBytes(`value${i}`, v);
  return t.appendBytes('randomness', rand).digest();
}

export function commit(b: CommitmentBinding, values: readonly Uint8Array[]): Commitment {
  const randomness = randomBytes(COMMITMENT_RANDOMNESS_BYTES);
  return { commitment: commitmentDigest(b, values, randomness), randomness };
}

/** Throws BAD_COMMITMENT unless (values, randomness) opens `commitment` under the same binding. */
export function verifyOpening(
  b: CommitmentBinding,
  commitment: Uint8Array,
  values: readonly Uint8Array[],
  randomness: Uint8Array,
): void {
  mpcAssert(
    randomness instanceof Uint8Array && randomness.length === COMMITMENT_RANDOMNESS_BYTES,
    'BAD_COMMITMENT',
    `${b.tag}: opening randomness has the wrong length`,
  );
  if (!bytesEqual(commitmentDigest(b, values, randomness), commitment))
    throw new MpcError('BAD_COMMITMENT', `${b.tag}: opening does not match the commitment`);
}
