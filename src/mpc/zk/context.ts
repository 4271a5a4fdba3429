import { Transcript } from '../common/transcript.ts';

/**
 * What every non-interactive proof is bound to (SPEC §5.3 item 5): the session id, the prover's party id
 * and a distinct aux tag naming the proof's place in the protocol.
 */
export interface ProofContext {
  sid: Uint8Array;
  /** The prover's party id. */
  pid: Uint8Array;
  /** A distinct tag per sub-proof, e.g. 'ecdsa.keygen.pdl'. */
  aux: string;
}

/** A fresh Fiat–Shamir transcript for proof `tag`, bound to sid, pid and aux before any statement value. */
export function proofTranscript(tag: string, ctx: ProofContext): Transcript {
  return new Transcript(`twofold/v1/zk/${tag}`)
    .appendBytes('sid', ctx.sid)
    .appendBytes('pid', ctx.pid)
    .appendString('aux', ctx.aux);
}
