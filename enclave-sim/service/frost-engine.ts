import { frostParty } from '../../src/mpc/channel/party.ts';
import {
  decodeFrostShare,
  encodeFrostShare,
  FrostDkgEnclave,
  FrostEjectEnclave,
  FrostPairCheckEnclave,
  FrostSignEnclave,
} from '../../src/mpc/frost/index.ts';
import { type CurveEngine, mapParty } from './curve-engine.ts';

/** ed25519: FROST 2-of-2, enclave = identifier 2 (SPEC §5.2). */
export const frostEngine: CurveEngine = {
  curve: 'ed25519',
  keygen(sid, pairId) {
    const m = frostParty(new FrostDkgEnclave({ sid, pairId, mode: 'keygen' }));
    return mapParty(m, (r) => ({ share: encodeFrostShare(r.share), publicKey: r.share.groupKey }));
  },
  derive(sid, pairId, mode, previous) {
    const prev = decodeFrostShare('enclave', previous);
    const m = frostParty(new FrostDkgEnclave({ sid, pairId, mode, previous: prev }));
    return mapParty(m, (r) => ({ share: encodeFrostShare(r.share), publicKey: r.share.groupKey }));
  },
  sign(sid, share) {
    return frostParty(new FrostSignEnclave({ sid, share: decodeFrostShare('enclave', share) }));
  },
  pairCheck(sid, share) {
    return frostParty(new FrostPairCheckEnclave({ sid, share: decodeFrostShare('enclave', share) }));
  },
  eject(sid, share) {
    return frostParty(new FrostEjectEnclave({ sid, share: decodeFrostShare('enclave', share) }));
  },
  // FROST co-signing cannot leak the enclave share through a failed aggregate: the client aggregates.
  isFinalSignatureFailure: () => false,
};
