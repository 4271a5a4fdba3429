import { ed25519, ed25519_FROST } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { bytesEqual } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { base58Encode } from './base58.ts';
import { type PokContext, provePok, verifyPok } from './pok.ts';
import { CLIENT_ID, ENCLAVE_ID, readScalar, SIGNERS } from './roles.ts';
import { FrostSession, library, type SessionOptions, type WireFrame } from './session.ts';
import { checkFrostShare, type FrostClientShare, type FrostEnclaveShare } from './share.ts';
import { verifyEd25519Strict } from './sign.ts';
import { ejectSchemas } from './wire.ts';

/**
 * Eject (SPEC §4.7): the client proves knowledge of its share (Schnorr, bound to the sid); the enclave
 * answers with its share (inside the secure channel); the client combines them with the library's
 * `combineSecret` and checks a·G = A. The result is the raw ed25519 secret scalar a, NOT an RFC 8032 seed:
 * seed-based wallets (Solana's included) derive the scalar by hashing a seed and cannot import it.
 */
export const ED25519_SCALAR_LABEL =
  'ed25519 secret scalar (32 bytes, little-endian). NOT an RFC 8032 seed: seed-based wallets such as ' +
  'Solana wallets cannot import it; sweep the funds to another address instead.';

export interface EjectedEd25519Key {
  kind: 'ed25519-scalar';
  label: typeof ED25519_SCALAR_LABEL;
  /** The scalar a (secret), little-endian bytes. */
  scalar: Uint8Array;
  scalarHex: string;
  scalarBase58: string;
  publicKey: Uint8Array;
  /** Solana-style address (base58 of the public key). */
  address: string;
  pairId: string;
}

function pokContext(sid: Uint8Array, share: FrostClientShare | FrostEnclaveShare): PokContext {
  return { sid, prover: 'client', tag: 'eject', pairId: share.pairId, groupKey: share.groupKey };
}

export class FrostEjectClient extends FrostSession<EjectedEd25519Key> {
  private readonly share: FrostClientShare;

  constructor(opts: SessionOptions & { share: FrostClientShare }) {
    super(opts);
    if (opts.share.role !== 'client') throw new MpcError('INVALID_STATE', 'not a client share');
    this.share = { ...opts.share, signingShare: opts.share.signingShare.slice() };
  }

  protected onStart(): WireFrame[] {
    const s1 = readScalar(this.share.signingShare, 'client signing share');
    const ctx = pokContext(this.sid, this.share);
    const proof = provePok(ctx, s1, this.share.verifyingShares.client);
    this.expect('frost.eject.2', 2);
    return [this.frame(ejectSchemas.c1, { t: 'frost.eject.1', round: 1, proof })];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(ejectSchemas.e2, frame);
    const pts = checkFrostShare(this.share, this.suite);
    const s2 = readScalar(m.share, 'enclave share');
    if (!ed25519.Point.BASE.multiply(s2).equals(pts.enclave))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'enclave share does not match its verifying share');
    const a = library('INTERNAL', 'combining the shares failed', () =>
      this.suite.frost.combineSecret(
        [
          { identifier: CLIENT_ID, signingShare: this.share.signingShare },
          { identifier: ENCLAVE_ID, signingShare: m.share },
        ],
        SIGNERS,
      ),
    );
    m.share.fill(0);
    const scalar = Uint8Array.from(a);
    a.fill(0);
    const x = readScalar(scalar, 'combined scalar');
    if (!bytesEqual(ed25519.Point.BASE.multiply(x).toBytes(), this.share.groupKey))
      throw new MpcError('PUBLIC_KEY_MISMATCH', 'combined scalar does not give the group key');
    this.finish(ejectedKey(scalar, this.share.groupKey, this.share.pairId));
    return [];
  }

  protected wipe(): void {
    this.share.signingShare.fill(0);
  }
}

export function ejectedKey(scalar: Uint8Array, publicKey: Uint8Array, pairId: string): EjectedEd25519Key {
  return {
    kind: 'ed25519-scalar',
    label: ED25519_SCALAR_LABEL,
    scalar,
    scalarHex: bytesToHex(scalar),
    scalarBase58: base58Encode(scalar),
    publicKey: publicKey.slice(),
    address: base58Encode(publicKey),
    pairId,
  };
}

/**
 * After eject the wallet keeps signing locally with the scalar (SPEC §4.7). RFC 8032 signing derives its
 * nonce from the seed, which does not exist here, so this uses the library's scalar signing (a fresh
 * random nonce; the signature is a standard ed25519 one) and returns it only after strict verification.
 */
export function signWithEjectedScalar(
  key: Pick<EjectedEd25519Key, 'scalar' | 'publicKey'>,
  message: Uint8Array,
): Uint8Array {
  const sig = ed25519_FROST.sign(message, key.scalar);
  if (!verifyEd25519Strict(sig, message, key.publicKey))
    throw new MpcError('BAD_SIGNATURE', 'signature with the ejected scalar does not verify');
  return sig;
}

export class FrostEjectEnclave extends FrostSession<{ released: true; pairId: string }> {
  private readonly share: FrostEnclaveShare;

  constructor(opts: SessionOptions & { share: FrostEnclaveShare }) {
    super(opts);
    if (opts.share.role !== 'enclave') throw new MpcError('INVALID_STATE', 'not an enclave share');
    this.share = { ...opts.share, signingShare: opts.share.signingShare.slice() };
  }

  protected onStart(): WireFrame[] {
    this.expect('frost.eject.1', 1);
    return [];
  }

  protected onFrame(frame: unknown): WireFrame[] {
    const m = this.open(ejectSchemas.c1, frame);
    const pts = checkFrostShare(this.share, this.suite);
    const ctx = pokContext(this.sid, this.share);
    verifyPok(ctx, pts.client, m.proof, this.suite, 'client');
    const out = this.frame(ejectSchemas.e2, { t: 'frost.eject.2', round: 2, share: this.share.signingShare });
    this.finish({ released: true, pairId: this.share.pairId });
    return [out];
  }

  protected wipe(): void {
    this.share.signingShare.fill(0);
  }
}
