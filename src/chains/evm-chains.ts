import { buildConfig } from '../build-config.ts';

/** An EVM network the wallet can use; RPC URLs are editable in settings. */
export interface EvmChain {
  chainId: number;
  name: string;
  rpcUrl: string;
  nativeCurrency: { name: string; symbol: string; decimals: number };
  blockExplorerUrl?: string;
  /** Loopback development chain: plain http is allowed only for these. */
  local?: boolean;
}

const ETH = { name: 'Ether', symbol: 'ETH', decimals: 18 };

export const BUILTIN_EVM_CHAINS: readonly EvmChain[] = [
  { chainId: 31337, name: 'Anvil Local', rpcUrl: buildConfig.localRpcUrl, nativeCurrency: ETH, local: true },
  {
    chainId: 1,
    name: 'Ethereum',
    rpcUrl: 'https://ethereum-rpc.publicnode.com',
    nativeCurrency: ETH,
    blockExplorerUrl: 'https://etherscan.io',
  },
  {
    chainId: 11155111,
    name: 'Sepolia',
    rpcUrl: 'https://ethereum-sepolia-rpc.publicnode.com',
    nativeCurrency: { ...ETH, name: 'Sepolia Ether' },
    blockExplorerUrl: 'https://sepolia.etherscan.io',
  },
  {
    chainId: 8453,
    name: 'Base',
    rpcUrl: 'https://mainnet.base.org',
    nativeCurrency: ETH,
    blockExplorerUrl: 'https://basescan.org',
  },
];

export function findBuiltinChain(chainId: number): EvmChain | undefined {
  return BUILTIN_EVM_CHAINS.find((c) => c.chainId === chainId);
}

/** The chain selected when nothing was chosen yet: the build's default (Anvil Local in development). */
export function defaultEvmChain(): EvmChain {
  return findBuiltinChain(buildConfig.defaultChainId) ?? BUILTIN_EVM_CHAINS[0]!;
}

/** EIP-695 / EIP-1193 hex quantity form of a chain id. */
export function toHexChainId(chainId: number): `0x${string}` {
  return `0x${chainId.toString(16)}`;
}
