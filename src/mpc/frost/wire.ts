import { s } from '../common/codec.ts';

/**
 * Wire frames of the FROST protocols. Every frame is `{ v: 1, t, sid, round, ...fields }`; points and
 * scalars are their 32-byte RFC 8032 / little-endian encodings (base64url on the wire). Shares inside
 * `*.share` fields are secret: the caller sends these frames only inside the encrypted channel.
 */
const point = s.bytes({ len: 32 });
const scalar = s.bytes({ len: 32 });
/** Schnorr proof or signature: R (32 bytes) ‖ z (32 bytes). */
const proof = s.bytes({ len: 64 });
const sid = s.bytes({ len: 32 });
const round = (n: number) => s.literal(n);
const vssCommitment = s.array(point, { minLen: 2, maxLen: 2 });
const publicView = {
  groupKey: point,
  verifyingShares: s.object({ client: point, enclave: point }),
};

/** The longest message the enclave co-signs (Solana transactions are ≤ 1232 bytes; off-chain messages more). */
export const MAX_SIGN_MESSAGE_BYTES = 65536;

export type DkgMode = 'keygen' | 'refresh' | 'backup';

/** DKG messages: client round-1 → enclave round-1 + share → client share + view → enclave view. */
export function dkgSchemas<M extends DkgMode>(mode: M) {
  return {
    c1: s.frame(`frost.${mode}.1`, { sid, round: round(1), commitment: vssCommitment, proof }),
    e2: s.frame(`frost.${mode}.2`, { sid, round: round(2), commitment: vssCommitment, proof, share: scalar }),
    c3: s.frame(`frost.${mode}.3`, { sid, round: round(3), share: scalar, ...publicView }),
    e4: s.frame(`frost.${mode}.4`, { sid, round: round(4), ...publicView }),
  };
}

export const signSchemas = {
  c1: s.frame('frost.sign.1', {
    sid,
    round: round(1),
    message: s.bytes({ min: 0, max: MAX_SIGN_MESSAGE_BYTES }),
    hiding: point,
    binding: point,
  }),
  e2: s.frame('frost.sign.2', { sid, round: round(2), hiding: point, binding: point, share: scalar }),
};

export const ejectSchemas = {
  c1: s.frame('frost.eject.1', { sid, round: round(1), proof }),
  e2: s.frame('frost.eject.2', { sid, round: round(2), share: scalar }),
};

export const pairCheckSchemas = {
  c1: s.frame('frost.check.1', { sid, round: round(1), proof }),
  e2: s.frame('frost.check.2', { sid, round: round(2), proof, ...publicView }),
};

/** Every frame type of this folder, for a service that dispatches inbound frames by `t`. */
export const FROST_FRAME_TYPES: readonly string[] = [
  ...(['keygen', 'refresh', 'backup'] as const).flatMap((m) => [1, 2, 3, 4].map((r) => `frost.${m}.${r}`)),
  'frost.sign.1',
  'frost.sign.2',
  'frost.eject.1',
  'frost.eject.2',
  'frost.check.1',
  'frost.check.2',
];
