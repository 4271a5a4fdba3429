/**
 * Build-time configuration (SPEC §10), read from WXT's environment variables when the extension is built.
 * Settings may later change the enclave URL and RPC URLs; a wallet's pinned enclave identity never changes.
 */
interface BuildEnv {
  WXT_ENCLAVE_URL?: string;
  WXT_ENCLAVE_IDENTITY_KEY?: string;
  WXT_DEFAULT_CHAIN_ID?: string;
  WXT_LOCAL_RPC_URL?: string;
  WXT_DEFAULT_SOLANA_CLUSTER?: string;
}

const env: BuildEnv = ((import.meta as unknown as { env?: BuildEnv }).env ?? {}) as BuildEnv;

const defaultChainId = Number(env.WXT_DEFAULT_CHAIN_ID || 31337);
const solanaClusters = ['mainnet', 'devnet', 'localnet'] as const;

export const buildConfig = {
  enclaveUrl: env.WXT_ENCLAVE_URL || 'ws://127.0.0.1:8787',
  /** Hex ed25519 public key of the enclave's identity; empty when the build was made without one. */
  enclaveIdentityKey: (env.WXT_ENCLAVE_IDENTITY_KEY || '').toLowerCase(),
  defaultChainId,
  /**
   * The Solana cluster selected on first start: a development build (local anvil by default) stays on the
   * local validator, so nothing under test reaches a public RPC; otherwise mainnet.
   */
  defaultSolanaCluster:
    solanaClusters.find((c) => c === env.WXT_DEFAULT_SOLANA_CLUSTER) ??
    (defaultChainId === 31337 ? ('localnet' as const) : ('mainnet' as const)),
  localRpcUrl: env.WXT_LOCAL_RPC_URL || 'http://127.0.0.1:8545',
} as const;
