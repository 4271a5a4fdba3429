import { ed25519 } from '@noble/curves/ed25519.js';
import { decode, encode, type Infer, s } from '../common/codec.ts';
import { MpcError } from '../common/errors.ts';
import { CLIENT_ID, ENCLAVE_ID, type FrostRole, idOf, LAMBDA, readScalar, SIGNERS } from './roles.ts';
import { defaultFrostSuite, type EdPoint, type Frost, type FrostSuite } from './suite.ts';

/**
 * One party's half of an ed25519 FROST 2-of-2 key (SPEC §2 "share pair"), plus the pair's public package.
 * `signingShare` is secret (32-byte little-endian scalar); everything else is public.
 */
export interface FrostShare<R extends FrostRole = FrostRole> {
  pairId: string;
  role: R;
  signingShare: Uint8Array;
  /** The group public key A (the Solana-style address is its base58). */
  groupKey: Uint8Array;
  /** The merged VSS commitment [A, A₁] from the DKG (lets the library re-check a share). */
  commitment: Uint8Array[];
  /** Verifying shares Yᵢ = sᵢ·G of both parties. */
  verifyingShares: { client: Uint8Array; enclave: Uint8Array };
}
export type FrostClientShare = FrostShare<'client'>;
export type FrostEnclaveShare = FrostShare<'enclave'>;

/** The noble key package ({ public, secret }) the library calls take. */
export type FrostKey = ReturnType<Frost['DKG']['round3']>;

const point = s.bytes({ len: 32 });
export const pairIdSchema = s.string({ minLen: 1, maxLen: 128, pattern: /^[A-Za-z0-9._:-]+$/ });

function shareFields<R extends FrostRole>(role: R) {
  return {
    pairId: pairIdSchema,
    role: s.literal(role),
    signingShare: s.bytes({ len: 32 }),
    groupKey: point,
    commitment: s.array(point, { minLen: 2, maxLen: 2 }),
    verifyingShares: s.object({ client: point, enclave: point }),
  };
}

/** Versioned storage records (`{ v: 1, t: 'frost.share.client', ... }`) for the vault and the enclave. */
export const frostClientShareSchema = s.frame('frost.share.client', shareFields('client'));
export const frostEnclaveShareSchema = s.frame('frost.share.enclave', shareFields('enclave'));

export function encodeFrostShare(share: FrostShare): unknown {
  const { pairId, signingShare, groupKey, commitment, verifyingShares } = share;
  const body = { pairId, signingShare, groupKey, commitment, verifyingShares };
  return share.role === 'client'
    ? encode(frostClientShareSchema, { v: 1, t: 'frost.share.client', role: 'client', ...body })
    : encode(frostEnclaveShareSchema, { v: 1, t: 'frost.share.enclave', role: 'enclave', ...body });
}

/** Decode a stored share and check it is self-consistent (see `checkFrostShare`). */
export function decodeFrostShare<R extends FrostRole>(
  role: R,
  json: unknown,
  suite: FrostSuite = defaultFrostSuite(),
): FrostShare<R> {
  const rec: Infer<typeof frostClientShareSchema> | Infer<typeof frostEnclaveShareSchema> =
    role === 'client' ? decode(frostClientShareSchema, json) : decode(frostEnclaveShareSchema, json);
  const { pairId, signingShare, groupKey, commitment, verifyingShares } = rec;
  const share = { pairId, role, signingShare, groupKey, commitment, verifyingShares } as FrostShare<R>;
  checkFrostShare(share, suite);
  return share;
}

/** The public points of a pair, validated. */
export interface PairPoints {
  groupKey: EdPoint;
  client: EdPoint;
  enclave: EdPoint;
}

/**
 * The public package is consistent: every point valid, commitment[0] = A, and the verifying shares
 * interpolate to the group key (λ₁·Y₁ + λ₂·Y₂ = A).
 */
export function checkPairPoints(
  pub: Pick<FrostShare, 'groupKey' | 'commitment' | 'verifyingShares'>,
  suite: FrostSuite,
): PairPoints {
  const groupKey = suite.point(pub.groupKey, 'group key');
  const c0 = suite.point(pub.commitment[0] ?? new Uint8Array(), 'commitment[0]');
  suite.point(pub.commitment[1] ?? new Uint8Array(), 'commitment[1]');
  const client = suite.point(pub.verifyingShares.client, 'client verifying share');
  const enclave = suite.point(pub.verifyingShares.enclave, 'enclave verifying share');
  if (!c0.equals(groupKey))
    throw new MpcError('PUBLIC_KEY_MISMATCH', 'commitment does not open to the group key');
  const sum = client.multiplyUnsafe(LAMBDA.client).add(enclave.multiplyUnsafe(LAMBDA.enclave));
  if (!sum.equals(groupKey))
    throw new MpcError('PUBLIC_KEY_MISMATCH', 'verifying shares do not combine to the group key');
  return { groupKey, client, enclave };
}

/** A share matches its own verifying share (sᵢ·G = Yᵢ) and its pair's public package is consistent. */
export function checkFrostShare(share: FrostShare, suite: FrostSuite = defaultFrostSuite()): PairPoints {
  const pts = checkPairPoints(share, suite);
  const x = readScalar(share.signingShare, 'signing share');
  if (!ed25519.Point.BASE.multiply(x).equals(pts[share.role]))
    throw new MpcError('PUBLIC_KEY_MISMATCH', 'signing share does not match its verifying share');
  return pts;
}

/** The library's key package for a share. */
export function toFrostKey(share: FrostShare): FrostKey {
  return {
    public: {
      signers: { ...SIGNERS },
      commitments: share.commitment.map((c) => c.slice()),
      verifyingShares: {
        [CLIENT_ID]: share.verifyingShares.client.slice(),
        [ENCLAVE_ID]: share.verifyingShares.enclave.slice(),
      },
    },
    secret: { identifier: idOf(share.role), signingShare: share.signingShare.slice() },
  } as FrostKey;
}

/** A share from the library's DKG output. */
export function fromFrostKey<R extends FrostRole>(role: R, pairId: string, key: FrostKey): FrostShare<R> {
  const client = key.public.verifyingShares[CLIENT_ID];
  const enclave = key.public.verifyingShares[ENCLAVE_ID];
  const groupKey = key.public.commitments[0];
  if (!client || !enclave || !groupKey || key.public.commitments.length !== 2)
    throw new MpcError('INTERNAL', 'incomplete key package');
  return {
    pairId,
    role,
    signingShare: Uint8Array.from(key.secret.signingShare),
    groupKey: Uint8Array.from(groupKey),
    commitment: key.public.commitments.map((c) => Uint8Array.from(c)),
    verifyingShares: { client: Uint8Array.from(client), enclave: Uint8Array.from(enclave) },
  };
}

/** The public half of a share (safe to log, send or show). */
export function publicPackage(share: FrostShare): Omit<FrostShare, 'signingShare' | 'role'> {
  const { pairId, groupKey, commitment, verifyingShares } = share;
  return { pairId, groupKey, commitment, verifyingShares };
}
