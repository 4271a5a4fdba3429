import { describe, expect, it } from 'vitest';
import { MpcError } from './errors.ts';
import { deriveSessionId, type SessionIdInput, sessionContribution } from './session-id.ts';

const base: SessionIdInput = {
  operation: 'ecdsa/sign',
  walletId: 'w1',
  curve: 'secp256k1',
  pairIds: ['p1'],
  channelTranscriptHash: new Uint8Array(32).fill(3),
  clientContribution: new Uint8Array(16).fill(1),
  enclaveContribution: new Uint8Array(16).fill(2),
};

describe('session id', () => {
  it('is a deterministic 32-byte hash of its inputs', () => {
    expect(deriveSessionId(base)).toHaveLength(32);
    expect(deriveSessionId(base)).toEqual(deriveSessionId({ ...base }));
  });
  it('changes with every input', () => {
    const sid = deriveSessionId(base);
    const variants: SessionIdInput[] = [
      { ...base, operation: 'ecdsa/refresh' },
      { ...base, walletId: 'w2' },
      { ...base, curve: 'ed25519' },
      { ...base, pairIds: ['p2'] },
      { ...base, pairIds: ['p', '1'] },
      { ...base, channelTranscriptHash: new Uint8Array(32).fill(4) },
      { ...base, clientContribution: sessionContribution() },
      { ...base, enclaveContribution: sessionContribution() },
      { ...base, clientContribution: base.enclaveContribution, enclaveContribution: base.clientContribution },
    ];
    for (const v of variants) expect(deriveSessionId(v)).not.toEqual(sid);
  });
  it('refuses short contributions', () => {
    expect(() => deriveSessionId({ ...base, clientContribution: new Uint8Array(8) })).toThrow(MpcError);
  });
});
