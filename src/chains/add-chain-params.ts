import type { EvmChain } from './evm-chains.ts';
import { checkRpcUrl, isLoopbackUrl } from './rpc-url-policy.ts';

/** EIP-3085 `wallet_addEthereumChain` parameter, validated into a chain the registry can store. */
export type AddChainParse =
  | { ok: true; chain: EvmChain; rpcCandidates: string[] }
  | { ok: false; reason: string };

const HEX_QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/i;

/** Parse an EIP-695 hex chain id (no leading zeros, > 0, a safe integer). */
export function parseHexChainId(v: unknown): number | null {
  if (typeof v !== 'string' || !HEX_QUANTITY.test(v) || v.length > 15) return null;
  const n = Number.parseInt(v.slice(2), 16);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function parseAddChainParameter(p: unknown): AddChainParse {
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    return { ok: false, reason: 'Expected an AddEthereumChainParameter object.' };
  const o = p as Record<string, unknown>;
  const chainId = parseHexChainId(o.chainId);
  if (chainId === null)
    return { ok: false, reason: 'chainId must be a 0x-prefixed hex string without leading zeros.' };
  if (typeof o.chainName !== 'string' || !o.chainName.trim() || o.chainName.length > 64)
    return { ok: false, reason: 'chainName must be a non-empty string (≤ 64 characters).' };
  const nc = o.nativeCurrency as Record<string, unknown> | undefined;
  if (
    typeof nc !== 'object' ||
    nc === null ||
    typeof nc.name !== 'string' ||
    typeof nc.symbol !== 'string' ||
    nc.symbol.length < 1 ||
    nc.symbol.length > 6 ||
    nc.decimals !== 18
  )
    return { ok: false, reason: 'nativeCurrency must be { name, symbol (1–6 characters), decimals: 18 }.' };
  if (!Array.isArray(o.rpcUrls) || o.rpcUrls.length === 0)
    return { ok: false, reason: 'rpcUrls must be a non-empty array of URLs.' };
  const candidates: string[] = [];
  const refusals: string[] = [];
  for (const u of o.rpcUrls) {
    const v = checkRpcUrl(u);
    if (v.ok) candidates.push(v.url);
    else refusals.push(v.reason);
  }
  if (candidates.length === 0) return { ok: false, reason: `No usable RPC URL: ${refusals[0]}` };
  let blockExplorerUrl: string | undefined;
  if (o.blockExplorerUrls !== undefined && o.blockExplorerUrls !== null) {
    if (!Array.isArray(o.blockExplorerUrls))
      return { ok: false, reason: 'blockExplorerUrls must be an array.' };
    const first = o.blockExplorerUrls[0];
    if (first !== undefined) {
      if (typeof first !== 'string' || !/^https:\/\//.test(first))
        return { ok: false, reason: 'blockExplorerUrls must use https.' };
      blockExplorerUrl = first;
    }
  }
  const rpcUrl = candidates[0]!;
  const chain: EvmChain = {
    chainId,
    name: o.chainName.trim(),
    rpcUrl,
    nativeCurrency: { name: nc.name.slice(0, 64), symbol: nc.symbol, decimals: 18 },
    ...(blockExplorerUrl ? { blockExplorerUrl } : {}),
    ...(isLoopbackUrl(new URL(rpcUrl)) ? { local: true } : {}),
  };
  return { ok: true, chain, rpcCandidates: candidates };
}
