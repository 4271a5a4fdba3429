import { describe, expect, it } from 'vitest';
import { base64urlEncode } from '../common/codec.ts';
import { FrostPairCheckClient, FrostPairCheckEnclave } from './pair-check.ts';
import type { WireFrame } from './session.ts';
import type { FrostClientShare, FrostEnclaveShare } from './share.ts';
import { expectRefusal, freshSid, keygenPair, runSessions, type Tamper } from './testing.ts';

function check(client: FrostClientShare, enclave: FrostEnclaveShare, tamper?: Tamper) {
  const sid = freshSid();
  const c = new FrostPairCheckClient({ sid, share: client });
  const e = new FrostPairCheckEnclave({ sid, share: enclave });
  runSessions(c, e, tamper);
  return { c, e };
}

describe('FROST pair check', () => {
  const k = keygenPair('pair-h');
  const other = keygenPair('pair-h');

  it('passes for an honest pair, both ways', () => {
    const { c, e } = check(k.client, k.enclave);
    expect(c.result()).toEqual({ ok: true, pairId: 'pair-h' });
    expect(e.result()).toEqual({ ok: true, pairId: 'pair-h' });
  });

  it('fails when the client holds a share of another pair', () => {
    expectRefusal(() => check(other.client, k.enclave), 'BAD_PROOF', [other.client.signingShare]);
  });

  it('fails when the enclave holds another public package or cannot prove its share', () => {
    // An enclave whose package is of another key: its own package is consistent, but not the client's.
    expectRefusal(() => check(k.client, other.enclave), 'BAD_PROOF');
    expectRefusal(
      () =>
        check(k.client, k.enclave, (f, from) => {
          if (from === 'enclave') f.groupKey = base64urlEncode(other.client.groupKey);
          return f;
        }),
      'PUBLIC_KEY_MISMATCH',
    );
    expectRefusal(
      () =>
        check(k.client, k.enclave, (f, from) => {
          if (from === 'enclave') {
            const c = new FrostPairCheckClient({ sid: freshSid(), share: k.client });
            f.proof = (c.start()[0] as WireFrame).proof;
          }
          return f;
        }),
      'BAD_PROOF',
    );
  });

  it('a proof from an earlier check does not pass a fresh one', () => {
    const old = new FrostPairCheckClient({ sid: freshSid(), share: k.client });
    const [f] = old.start() as [WireFrame];
    const sid = freshSid();
    const e = new FrostPairCheckEnclave({ sid, share: k.enclave });
    e.start();
    expectRefusal(() => e.receive({ ...f, sid: base64urlEncode(sid) }), 'BAD_PROOF');
  });

  it('a share that does not match its verifying share is caught before anything is sent', () => {
    const broken = { ...k.client, signingShare: other.client.signingShare };
    const c = new FrostPairCheckClient({ sid: freshSid(), share: broken });
    expectRefusal(() => c.start(), 'PUBLIC_KEY_MISMATCH', [other.client.signingShare]);
  });
});
