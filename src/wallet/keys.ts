/** Public-key helpers: addresses, share consistency checks and signature verification against the wallet key. */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { getAddress, keccak256, toHex } from 'viem';
import { decodePoint, G, modQ } from '../mpc/ecdsa/curve.ts';
import type { EcdsaP2Share } from '../mpc/ecdsa/shares.ts';
import type { EcdsaSignature } from '../mpc/ecdsa/signature.ts';
import { base58Encode, verifyEd25519Strict } from '../mpc/frost/index.ts';
import { WalletError } from './errors.ts';

/** EIP-55 address of a compressed secp256k1 public key. */
export function evmAddressOf(compressedQ: Uint8Array): `0x${string}` {
  const uncompressed = decodePoint(compressedQ, 'public key').toBytes(false);
  const hash = keccak256(uncompressed.subarray(1));
  return getAddress(`0x${hash.slice(-40)}`);
}

/** Solana-style address: base58 of the 32-byte ed25519 public key. */
export function solanaAddressOf(groupKey: Uint8Array): string {
  return base58Encode(groupKey);
}

/** x2·G = Q2 and Q1 + Q2 = Q: the share belongs to its pair and the pair to the public key. */
export function checkEcdsaClientShare(share: EcdsaP2Share): void {
  const Q = decodePoint(share.Q, 'Q');
  const Q1 = decodePoint(share.Q1, 'Q1');
  const Q2 = decodePoint(share.Q2, 'Q2');
  const x2 = modQ(share.x2);
  if (x2 === 0n || !G.multiply(x2).equals(Q2) || !Q1.add(Q2).equals(Q))
    throw new WalletError('INTERNAL', 'share does not match its public share');
}

/**
 * Verify (r, s) over `digest` under the compressed public key, low-s only (what the enclave must return);
 * returns the 65-byte r‖s‖v hex with v = 27 + recovery id, after checking the recovery id recovers the key.
 */
export function verifyEcdsaSignature(
  sig: Pick<EcdsaSignature, 'r' | 's' | 'v'>,
  digest: Uint8Array,
  compressedQ: Uint8Array,
): `0x${string}` {
  const bytes = new Uint8Array(64);
  try {
    bytes.set(hexToBytes(sig.r.toString(16).padStart(64, '0')), 0);
    bytes.set(hexToBytes(sig.s.toString(16).padStart(64, '0')), 32);
  } catch {
    throw new WalletError('ENCLAVE_FAULT', 'signature out of range');
  }
  let ok = false;
  try {
    ok = secp256k1.verify(bytes, digest, compressedQ, { prehash: false, lowS: true, format: 'compact' });
  } catch {
    ok = false;
  }
  if (!ok || (sig.v !== 0 && sig.v !== 1))
    throw new WalletError('ENCLAVE_FAULT', 'signature does not verify');
  const recovered = secp256k1.Signature.fromBytes(bytes, 'compact')
    .addRecoveryBit(sig.v)
    .recoverPublicKey(digest)
    .toBytes(true);
  if (bytesToHex(recovered) !== bytesToHex(compressedQ))
    throw new WalletError('ENCLAVE_FAULT', 'wrong recovery id');
  return `0x${bytesToHex(bytes)}${(27 + sig.v).toString(16)}` as `0x${string}`;
}

/** Strict ed25519 verification (no ZIP-215 leniency) of a co-signature against the wallet key. */
export function verifyEd25519Signature(
  signature: Uint8Array,
  message: Uint8Array,
  groupKey: Uint8Array,
): void {
  if (!verifyEd25519Strict(signature, message, groupKey))
    throw new WalletError('ENCLAVE_FAULT', 'signature does not verify');
}

export function hex(b: Uint8Array): string {
  return bytesToHex(b);
}

export function fromHex(h: string): Uint8Array {
  return hexToBytes(h.startsWith('0x') ? h.slice(2) : h);
}

export { toHex };
