import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { checkFrostShare } from './share.ts';
import { createFrostSuite } from './suite.ts';
import { freshSid, runSessions } from './testing.ts';

describe('FROST DKG', () => {
  it('keygen gives both parties the same group key and consistent shares', () => {
    const sid = freshSid();
    const cs = createFrostSuite();
    const es = createFrostSuite();
    const c = new FrostDkgClient({ sid, pairId: 'p1', mode: 'keygen', suite: cs });
    const e = new FrostDkgEnclave({ sid, pairId: 'p1', mode: 'keygen', suite: es });
    runSessions(c, e);
    const a = c.result().share;
    const b = e.result().share;
    expect(a.groupKey).toEqual(b.groupKey);
    checkFrostShare(a, cs);
    checkFrostShare(b, es);
    expect(ed25519.Point.fromBytes(a.groupKey).isTorsionFree()).toBe(true);
  });
});
