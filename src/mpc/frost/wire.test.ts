import { describe, expect, it } from 'vitest';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { FrostEjectClient, FrostEjectEnclave } from './eject.ts';
import { FrostPairCheckClient, FrostPairCheckEnclave } from './pair-check.ts';
import type { FrostSession, WireFrame } from './session.ts';
import { FrostSignClient, FrostSignEnclave } from './sign.ts';
import { freshSid, keygenPair, runSessions } from './testing.ts';
import { FROST_FRAME_TYPES } from './wire.ts';

describe('FROST wire frames', () => {
  const k = keygenPair('pair-w');

  it('every frame type a session emits is listed for dispatch', () => {
    const types = new Set<string>();
    const note = (f: WireFrame) => {
      types.add(f.t as string);
      return f;
    };
    const share = k.client;
    const enclaveShare = k.enclave;
    const pairs: [(sid: Uint8Array) => FrostSession<unknown>, (sid: Uint8Array) => FrostSession<unknown>][] =
      [
        [
          (sid) => new FrostSignClient({ sid, share, message: new Uint8Array(1) }),
          (sid) => new FrostSignEnclave({ sid, share: enclaveShare }),
        ],
        [
          (sid) => new FrostEjectClient({ sid, share }),
          (sid) => new FrostEjectEnclave({ sid, share: enclaveShare }),
        ],
        [
          (sid) => new FrostPairCheckClient({ sid, share }),
          (sid) => new FrostPairCheckEnclave({ sid, share: enclaveShare }),
        ],
        [
          (sid) => new FrostDkgClient({ sid, pairId: 'b', mode: 'backup', previous: share }),
          (sid) => new FrostDkgEnclave({ sid, pairId: 'b', mode: 'backup', previous: enclaveShare }),
        ],
      ];
    for (const [client, enclave] of pairs) {
      const sid = freshSid();
      runSessions(client(sid), enclave(sid), note);
    }
    expect(types.size).toBe(10);
    for (const t of types) expect(FROST_FRAME_TYPES).toContain(t);
    expect(new Set(FROST_FRAME_TYPES).size).toBe(FROST_FRAME_TYPES.length);
  });
});
