import { mpcAssert } from '../common/errors.ts';
import type { ProofContext } from '../zk/context.ts';

/** Who takes part in a session: the session id (SPEC §5.1) and both parties' real identities. */
export interface EcdsaParties {
  sid: Uint8Array;
  /** Enclave identity (P1), bytes chosen by the caller, e.g. a hash of its identity key. */
  p1Id: Uint8Array;
  /** Client identity (P2), e.g. a hash of the device key. */
  p2Id: Uint8Array;
}

export function checkParties(p: EcdsaParties): void {
  mpcAssert(
    p.p1Id instanceof Uint8Array && p.p2Id instanceof Uint8Array && p.p1Id.length > 0 && p.p2Id.length > 0,
    'INVALID_STATE',
    'party ids must be non-empty bytes',
  );
  let same = p.p1Id.length === p.p2Id.length;
  for (let i = 0; same && i < p.p1Id.length; i++) same = p.p1Id[i] === p.p2Id[i];
  mpcAssert(!same, 'INVALID_STATE', 'party ids must differ');
}

export function p1Ctx(p: EcdsaParties, aux: string): ProofContext {
  return { sid: p.sid, pid: p.p1Id, aux };
}

export function p2Ctx(p: EcdsaParties, aux: string): ProofContext {
  return { sid: p.sid, pid: p.p2Id, aux };
}
