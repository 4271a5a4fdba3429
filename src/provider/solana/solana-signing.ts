/**
 * Adding the wallet's ed25519 signature to a dApp's transaction, and checking every signature with
 * @solana/kit's own verification (WebCrypto Ed25519) before it leaves the background.
 */
import {
  type Address,
  getPublicKeyFromAddress,
  getTransactionEncoder,
  type SignatureBytes,
  type Transaction,
  verifySignature,
} from '@solana/kit';
import { decodeSolanaTransaction, type SolanaTransactionView } from './solana-transaction-view.ts';

/** Signs exactly the bytes given: the co-signing wallet (FROST with the enclave) in the extension. */
export type Ed25519Signer = (message: Uint8Array) => Promise<Uint8Array>;

export class SolanaSigningError extends Error {
  override readonly name = 'SolanaSigningError';
  constructor(
    readonly code: 'NOT_A_SIGNER' | 'BAD_SIGNATURE',
    message: string,
  ) {
    super(message);
  }
}

/** Throws BAD_SIGNATURE unless `signature` is `address`'s valid signature of `message`. */
export async function verifySolanaSignature(
  address: Address,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<void> {
  const key = await getPublicKeyFromAddress(address);
  const ok = signature.length === 64 && (await verifySignature(key, signature as SignatureBytes, message));
  if (!ok) throw new SolanaSigningError('BAD_SIGNATURE', 'The signature does not verify.');
}

/** Signs exactly `message` with the wallet (FROST co-signature) and verifies it before returning it. */
export async function signSolanaMessage(
  message: Uint8Array,
  address: Address,
  sign: Ed25519Signer,
): Promise<Uint8Array> {
  const signature = await sign(message);
  await verifySolanaSignature(address, signature, message);
  return signature;
}

export interface SignedSolanaTransaction {
  /** The wire transaction with our signature in its slot (other signers' slots untouched). */
  wire: Uint8Array;
  signature: Uint8Array;
  transaction: Transaction;
  view: SolanaTransactionView;
}

/** The transaction must list `address` as a required signer; anything else is refused before signing. */
export function requireSigner(tx: Transaction, address: Address): void {
  if (!Object.hasOwn(tx.signatures, address))
    throw new SolanaSigningError('NOT_A_SIGNER', 'The wallet is not a signer of this transaction.');
}

export async function signSolanaTransaction(
  wire: Uint8Array,
  address: Address,
  sign: Ed25519Signer,
): Promise<SignedSolanaTransaction> {
  const { transaction, view } = decodeSolanaTransaction(wire);
  requireSigner(transaction, address);
  const signature = await sign(new Uint8Array(transaction.messageBytes));
  await verifySolanaSignature(address, signature, new Uint8Array(transaction.messageBytes));
  const signed: Transaction = {
    ...transaction,
    signatures: { ...transaction.signatures, [address]: signature as SignatureBytes },
  };
  return {
    wire: new Uint8Array(getTransactionEncoder().encode(signed)),
    signature,
    transaction: signed,
    view,
  };
}
