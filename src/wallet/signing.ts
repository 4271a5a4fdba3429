/**
 * sign (SPEC §4.2): EIP-191 personal messages, EIP-712 v4 typed data, EVM transactions (EIP-1559 and legacy,
 * serialized by viem) and ed25519 bytes. The enclave hashes the payload itself; the client computes the
 * same digest with viem, checks the enclave signed exactly that, and verifies every signature against the
 * wallet's public key before returning it. After an eject, the same requests are signed locally.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  type Hex,
  hashMessage,
  hashTypedData,
  keccak256,
  serializeTransaction,
  type TransactionSerializable,
  type TypedDataDefinition,
} from 'viem';
import { recoverTransactionAddress } from '../chains/evm-transaction-sender.ts';
import type { EcdsaPayload } from '../enclave/enclave-api.ts';
import { signWithEjectedScalar } from '../mpc/frost/index.ts';
import { WalletError } from './errors.ts';
import { fromHex, hex, verifyEcdsaSignature, verifyEd25519Signature } from './keys.ts';
import type { LoadedWallet, WalletCore } from './wallet-core.ts';
import { ejectedKeyRef } from './wallet-data.ts';

export type SignRequest =
  | { kind: 'personal'; message: Uint8Array }
  | { kind: 'typedData'; json: string }
  | { kind: 'transaction'; tx: TransactionSerializable }
  | { kind: 'ed25519'; message: Uint8Array };

/** personal/typedData: 65-byte r‖s‖v hex; transaction: the signed serialized transaction; ed25519: 64 bytes. */
export type SignResult<R extends SignRequest> = R extends { kind: 'ed25519' } ? Uint8Array : Hex;

const MAX_MESSAGE_BYTES = 64 * 1024;

/** The payload for the enclave and the digest it must sign, computed independently here. */
export function ecdsaPayloadFor(req: Exclude<SignRequest, { kind: 'ed25519' }>): {
  payload: EcdsaPayload;
  digest: Uint8Array;
} {
  switch (req.kind) {
    case 'personal': {
      if (!(req.message instanceof Uint8Array) || req.message.length > MAX_MESSAGE_BYTES)
        throw new WalletError('INVALID_ARGUMENT', 'message');
      return {
        payload: { kind: 'personal', message: req.message },
        digest: fromHex(hashMessage({ raw: req.message })),
      };
    }
    case 'typedData': {
      let parsed: TypedDataDefinition;
      try {
        parsed = JSON.parse(req.json) as TypedDataDefinition;
        return { payload: { kind: 'typedData', json: req.json }, digest: fromHex(hashTypedData(parsed)) };
      } catch {
        throw new WalletError('INVALID_ARGUMENT', 'typed data');
      }
    }
    case 'transaction': {
      let serialized: Hex;
      try {
        serialized = serializeTransaction(req.tx);
      } catch {
        throw new WalletError('INVALID_ARGUMENT', 'transaction');
      }
      return { payload: { kind: 'transaction', serialized }, digest: fromHex(keccak256(serialized)) };
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The signed transaction from (r, s, yParity), re-checked by recovering the sender with viem. */
async function signedTransaction(tx: TransactionSerializable, sig65: Hex, address: string): Promise<Hex> {
  const b = fromHex(sig65);
  const r = `0x${hex(b.subarray(0, 32))}` as Hex;
  const s = `0x${hex(b.subarray(32, 64))}` as Hex;
  const yParity = b[64]! - 27;
  const signed = serializeTransaction(tx, { r, s, v: BigInt(27 + yParity), yParity });
  const from = await recoverTransactionAddress({ serializedTransaction: signed as never });
  if (from.toLowerCase() !== address.toLowerCase()) throw new WalletError('ENCLAVE_FAULT', 'sender mismatch');
  return signed;
}

export async function signWith<R extends SignRequest>(
  core: WalletCore,
  w: LoadedWallet,
  req: R,
): Promise<SignResult<R>> {
  if (w.data.keyExportedAt !== undefined) return (await signLocally(core, w, req)) as SignResult<R>;
  const enclave = await core.enclave(w.data.enclaveIdentityKey);
  const auth = await core.deviceAuth(w);
  const shares = await core.openShares(w);
  try {
    if (req.kind === 'ed25519') {
      if (!(req.message instanceof Uint8Array) || req.message.length > MAX_MESSAGE_BYTES)
        throw new WalletError('INVALID_ARGUMENT', 'message');
      const res = await enclave.signEd25519(auth, { share: shares.frost, message: req.message });
      verifyEd25519Signature(res.signature, req.message, fromHex(w.data.publicKeys.ed25519));
      return res.signature as SignResult<R>;
    }
    const { payload, digest } = ecdsaPayloadFor(req);
    const res = await enclave.signEcdsa(auth, { share: shares.ecdsa, payload });
    if (!sameBytes(res.digest, digest)) throw new WalletError('ENCLAVE_FAULT', 'signed another digest');
    const sig65 = verifyEcdsaSignature(res.signature, digest, fromHex(w.data.publicKeys.secp256k1));
    if (req.kind === 'transaction')
      return (await signedTransaction(req.tx, sig65, w.data.addresses.evm)) as SignResult<R>;
    return sig65 as SignResult<R>;
  } finally {
    shares.frost.signingShare.fill(0);
  }
}

/** After an eject: the full keys are in the vault; sign with them and verify as for a co-signature. */
async function signLocally(core: WalletCore, w: LoadedWallet, req: SignRequest): Promise<Hex | Uint8Array> {
  const curve = req.kind === 'ed25519' ? 'ed25519' : 'secp256k1';
  const rec = await core.vault.shares.get(ejectedKeyRef(w.id, curve));
  if (!rec) throw new WalletError('INTERNAL', 'exported key missing');
  try {
    if (req.kind === 'ed25519') {
      const pub = fromHex(w.data.publicKeys.ed25519);
      const sig = signWithEjectedScalar({ scalar: rec.plaintext, publicKey: pub }, req.message);
      verifyEd25519Signature(sig, req.message, pub);
      return sig;
    }
    const { digest } = ecdsaPayloadFor(req);
    const sig = secp256k1.sign(digest, rec.plaintext, { prehash: false, lowS: true, format: 'recovered' });
    // noble's 'recovered' format is recovery ‖ r ‖ s.
    const signature = { r: bytesToBig(sig.subarray(1, 33)), s: bytesToBig(sig.subarray(33, 65)), v: sig[0]! };
    const sig65 = verifyEcdsaSignature(signature, digest, fromHex(w.data.publicKeys.secp256k1));
    if (req.kind === 'transaction') return await signedTransaction(req.tx, sig65, w.data.addresses.evm);
    return sig65;
  } finally {
    rec.plaintext.fill(0);
  }
}

function bytesToBig(b: Uint8Array): bigint {
  return BigInt(`0x${hex(b) || '0'}`);
}
