import { describe, expect, it } from 'vitest';
import { proveShareKnowledge, verifyShareKnowledge } from './pok.ts';
import { expectRefusal, freshSid, keygenPair } from './testing.ts';

describe('share proofs of knowledge', () => {
  const k = keygenPair('pair-p');
  const other = keygenPair('pair-q');

  it('verify for the same session, purpose, pair and prover only', () => {
    const sid = freshSid();
    const proof = proveShareKnowledge(k.client, sid, 'recovery');
    expect(() => verifyShareKnowledge(k.enclave, 'client', sid, 'recovery', proof, k.es)).not.toThrow();
    const secrets = [k.client.signingShare];
    expectRefusal(
      () => verifyShareKnowledge(k.enclave, 'client', freshSid(), 'recovery', proof, k.es),
      'BAD_PROOF',
      secrets,
    );
    expectRefusal(
      () => verifyShareKnowledge(k.enclave, 'client', sid, 'eject', proof, k.es),
      'BAD_PROOF',
      secrets,
    );
    expectRefusal(
      () => verifyShareKnowledge(k.enclave, 'enclave', sid, 'recovery', proof, k.es),
      'BAD_PROOF',
      secrets,
    );
    expectRefusal(
      () => verifyShareKnowledge({ ...k.enclave, pairId: 'pair-z' }, 'client', sid, 'recovery', proof, k.es),
      'BAD_PROOF',
      secrets,
    );
    // A share of another pair cannot prove for this one.
    const forged = proveShareKnowledge(
      { ...other.client, pairId: 'pair-p', groupKey: k.client.groupKey },
      sid,
      'recovery',
    );
    expectRefusal(
      () => verifyShareKnowledge(k.enclave, 'client', sid, 'recovery', forged, k.es),
      'BAD_PROOF',
    );
  });

  it('refuses malformed proofs with typed errors', () => {
    const sid = freshSid();
    const proof = proveShareKnowledge(k.enclave, sid, 'x');
    expectRefusal(
      () => verifyShareKnowledge(k.client, 'enclave', sid, 'x', proof.subarray(0, 63), k.cs),
      'BAD_PROOF',
    );
    const badR = proof.slice();
    badR.fill(0, 0, 32);
    expectRefusal(() => verifyShareKnowledge(k.client, 'enclave', sid, 'x', badR, k.cs), 'BAD_POINT');
    const badZ = proof.slice();
    badZ.fill(255, 32);
    expectRefusal(() => verifyShareKnowledge(k.client, 'enclave', sid, 'x', badZ, k.cs), 'BAD_SCALAR');
  });
});
