/** Test-only: the FROST 2-of-2 pair run in-process (both parties), as a Solana signer. */
import { type Address, getAddressDecoder } from '@solana/kit';
import { cosign, keygenPair } from '../../../src/mpc/frost/testing.ts';
import type { Ed25519Signer } from '../../../src/provider/solana/solana-signing.ts';

export interface FrostSolanaSigner {
  address: Address;
  sign: Ed25519Signer;
  signed: Uint8Array[];
}

export function frostSolanaSigner(): FrostSolanaSigner {
  const pair = keygenPair('solana-test');
  const signed: Uint8Array[] = [];
  return {
    address: getAddressDecoder().decode(pair.client.groupKey),
    signed,
    sign: async (message) => {
      signed.push(message);
      return cosign(pair.client, pair.enclave, message, pair);
    },
  };
}
