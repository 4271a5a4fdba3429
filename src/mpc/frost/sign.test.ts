import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { FrostDkgClient, FrostDkgEnclave } from './dkg.ts';
import { FrostSignClient, FrostSignEnclave } from './sign.ts';
import { createFrostSuite } from './suite.ts';
import { freshSid, runSessions } from './testing.ts';

function keygen() {
  const sid = freshSid();
  const cs = createFrostSuite();
  const es = createFrostSuite();
  const c = new FrostDkgClient({ sid, pairId: 'p1', mode: 'keygen', suite: cs });
  const e = new FrostDkgEnclave({ sid, pairId: 'p1', mode: 'keygen', suite: es });
  runSessions(c, e);
  return { client: c.result().share, enclave: e.result().share, cs, es };
}

describe('FROST signing', () => {
  it('signs 100 messages that verify strictly', () => {
    const k = keygen();
    for (let i = 0; i < 100; i++) {
      const sid = freshSid();
      const message = new TextEncoder().encode(`message ${i}`);
      const c = new FrostSignClient({ sid, share: k.client, message, suite: k.cs });
      const e = new FrostSignEnclave({ sid, share: k.enclave, suite: k.es });
      runSessions(c, e);
      const { signature } = c.result();
      expect(ed25519.verify(signature, message, k.client.groupKey, { zip215: false })).toBe(true);
    }
  });
});
