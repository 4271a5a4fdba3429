/**
 * viem's recoverTransactionAddress on the project's @noble/curves 2.x. viem's own version recovers with its
 * private copy of @noble/curves 1.x, which put a second secp256k1 (~40 kB with its hashes) into the
 * background service worker. Parsing, re-serialization and the recovery-bit rules are viem's.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  type Address,
  getAddress,
  hexToBigInt,
  hexToBytes,
  keccak256,
  parseTransaction,
  serializeTransaction,
  type TransactionSerialized,
  toHex,
} from 'viem';

function toRecoveryBit(yParityOrV: number): number {
  if (yParityOrV === 0 || yParityOrV === 1) return yParityOrV;
  if (yParityOrV === 27) return 0;
  if (yParityOrV === 28) return 1;
  throw new Error('Invalid yParityOrV value');
}

/** The sender of a signed serialized transaction (EIP-55 address). */
export async function recoverTransactionAddress({
  serializedTransaction,
}: {
  serializedTransaction: TransactionSerialized;
}): Promise<Address> {
  const tx = parseTransaction(serializedTransaction);
  const { r, s, v, yParity } = tx;
  const unsigned = serializeTransaction({
    ...tx,
    r: undefined,
    s: undefined,
    v: undefined,
    yParity: undefined,
    sidecars: undefined,
  } as never);
  // EIP-155 `v` (chainId·2 + 35 + parity) can exceed 2^53: take the parity from the bigint.
  const bit =
    yParity === undefined && v !== undefined && v >= 35n
      ? v % 2n === 0n
        ? 1
        : 0
      : toRecoveryBit(Number(yParity ?? v));
  const point = new secp256k1.Signature(hexToBigInt(r as `0x${string}`), hexToBigInt(s as `0x${string}`))
    .addRecoveryBit(bit)
    .recoverPublicKey(hexToBytes(keccak256(unsigned)));
  return getAddress(`0x${keccak256(toHex(point.toBytes(false).subarray(1))).slice(-40)}`);
}
