import { randomBytes } from './bytes.ts';
import { mpcAssert } from './errors.ts';
import { Transcript } from './transcript.ts';

/**
 * Session ids (SPEC §5.1): SHA-256 over a length-prefixed encoding of ("twofold/v1", operation, walletId,
 * curve, pair ids, the secure channel's transcript hash, the client's and the enclave's 128-bit random
 * contributions). Each side contributes fresh randomness, so neither can force a previous session's id.
 */
export const SESSION_CONTRIBUTION_BYTES = 16;

export type SessionCurve = 'secp256k1' | 'ed25519';

export interface SessionIdInput {
  operation: string;
  walletId: string;
  curve: SessionCurve;
  /** Pair ids involved (e.g. [old, new] for a refresh), in the order both sides agree on. */
  pairIds: readonly string[];
  channelTranscriptHash: Uint8Array;
  clientContribution: Uint8Array;
  enclaveContribution: Uint8Array;
}

export function sessionContribution(): Uint8Array {
  return randomBytes(SESSION_CONTRIBUTION_BYTES);
}

export function deriveSessionId(input: SessionIdInput): Uint8Array {
  mpcAssert(
    input.clientContribution.length === SESSION_CONTRIBUTION_BYTES &&
      input.enclaveContribution.length === SESSION_CONTRIBUTION_BYTES,
    'MALFORMED_MESSAGE',
    'session contributions must be 128 bits',
  );
  mpcAssert(
    input.channelTranscriptHash.length >= 32,
    'MALFORMED_MESSAGE',
    'channel transcript hash too short',
  );
  const t = new Transcript('twofold/v1')
    .appendString('operation', input.operation)
    .appendString('walletId', input.walletId)
    .appendString('curve', input.curve)
    .appendNumber('pairCount', input.pairIds.length);
  for (const [i, id] of input.pairIds.entries()) t.appendString(`pair${i}`, id);
  return t
    .appendBytes('channel', input.channelTranscriptHash)
    .appendBytes('client', input.clientContribution)
    .appendBytes('enclave', input.enclaveContribution)
    .digest();
}
