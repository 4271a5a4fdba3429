import { bigintToFixedBytes, concatBytes } from '../common/bytes.ts';

/** A finished ECDSA signature: low-s, with the recovery id v (0/1; +2 in the negligible case R.x ≥ q). */
export interface EcdsaSignature {
  r: bigint;
  s: bigint;
  v: number;
  /** r ‖ s, 64 bytes (compact form). */
  bytes: Uint8Array;
}

export function signatureBytes(r: bigint, s: bigint): Uint8Array {
  return concatBytes(bigintToFixedBytes(r, 32), bigintToFixedBytes(s, 32));
}
