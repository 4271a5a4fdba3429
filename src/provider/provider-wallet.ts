import type { Hex, TransactionSerializable } from 'viem';
import { providerErrors } from './provider-errors.ts';

/**
 * The narrow part of the wallet the provider needs. The wallet service (src/wallet, co-signing with the
 * enclave) implements it; the provider never sees a share or a key, only addresses and finished signatures.
 */
export interface ProviderWallet {
  isUnlocked(): Promise<boolean>;
  /** The wallet's EVM address (checksummed or not), or null when there is no wallet yet. */
  evmAddress(): Promise<Hex | null>;
  /** EIP-191 `personal_sign` of the raw message bytes; returns the 65-byte signature. */
  signPersonalMessage(message: Uint8Array): Promise<Hex>;
  /** EIP-712 v4 signature of the typed-data JSON, signed for the given active chain. */
  signTypedDataV4(json: string, chainId: number): Promise<Hex>;
  /** Signs a complete transaction (nonce, gas, fees, chainId set); returns the serialized signed tx. */
  signTransaction(tx: TransactionSerializable): Promise<Hex>;
  /** Ask the user to unlock (opens the unlock page); resolves once unlocked, rejects if they give up. */
  requestUnlock(): Promise<void>;
  /** Solana (optional): the wallet's base58 address from its ed25519 key, or null without a wallet. */
  solanaAddress?(): Promise<string | null>;
  /** Solana (optional): ed25519 signature (64 bytes) of exactly these bytes, verified by the wallet. */
  signEd25519?(message: Uint8Array): Promise<Uint8Array>;
  /** Optional: called when the wallet locks, unlocks or its address changes (accountsChanged). */
  onStateChange?(listener: () => void): void;
}

/** Stand-in until the wallet service exists: no account, so account-gated requests fail cleanly. */
export const walletNotReady: ProviderWallet = {
  isUnlocked: async () => false,
  evmAddress: async () => null,
  signPersonalMessage: async () => {
    throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
  },
  signTypedDataV4: async () => {
    throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
  },
  signTransaction: async () => {
    throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
  },
  requestUnlock: async () => {
    throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
  },
};
