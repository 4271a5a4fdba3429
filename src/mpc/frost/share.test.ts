import { describe, expect, it } from 'vitest';
import { base64urlEncode, decodeText } from '../common/codec.ts';
import {
  checkFrostShare,
  decodeFrostShare,
  encodeFrostShare,
  frostClientShareSchema,
  publicPackage,
} from './share.ts';
import { expectRefusal, keygenPair } from './testing.ts';

describe('FROST share records', () => {
  const k = keygenPair('pair-s');

  it('round-trip through JSON text for both roles', () => {
    for (const share of [k.client, k.enclave]) {
      const json = JSON.parse(JSON.stringify(encodeFrostShare(share)));
      expect(json.v).toBe(1);
      expect(json.t).toBe(`frost.share.${share.role}`);
      expect(decodeFrostShare(share.role, json)).toEqual(share);
    }
    const text = JSON.stringify(encodeFrostShare(k.client));
    expect(decodeText(frostClientShareSchema, text).pairId).toBe('pair-s');
  });

  it('refuses a record of the other role, a tampered share or package, and unknown fields', () => {
    const json = encodeFrostShare(k.client) as Record<string, unknown>;
    expectRefusal(() => decodeFrostShare('enclave', json), 'MALFORMED_MESSAGE');
    expectRefusal(() => decodeFrostShare('client', { ...json, extra: true }), 'MALFORMED_MESSAGE');
    expectRefusal(
      () => decodeFrostShare('client', { ...json, signingShare: base64urlEncode(k.enclave.signingShare) }),
      'PUBLIC_KEY_MISMATCH',
      [k.client.signingShare, k.enclave.signingShare],
    );
    const vs = json.verifyingShares as Record<string, string>;
    expectRefusal(
      () =>
        decodeFrostShare('client', { ...json, verifyingShares: { client: vs.enclave, enclave: vs.client } }),
      'PUBLIC_KEY_MISMATCH',
    );
  });

  it('the public package carries no secret', () => {
    const pub = publicPackage(k.client);
    expect(Object.keys(pub).sort()).toEqual(['commitment', 'groupKey', 'pairId', 'verifyingShares']);
    expect(checkFrostShare(k.client).groupKey.toBytes()).toEqual(k.client.groupKey);
  });
});
