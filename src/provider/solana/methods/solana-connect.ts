import { getAddressEncoder } from '@solana/kit';
import { ensureUnlocked } from '../../methods/access.ts';
import type { MethodHandler, ProviderContext } from '../../provider-context.ts';
import { clusterSummary } from '../solana-approval.ts';
import {
  requestCluster,
  solanaOf,
  solanaOriginWarnings,
  solanaParams,
  toBase64,
  visibleSolanaAccount,
  walletSolanaAddress,
} from './solana-access.ts';

/** What the page's Wallet Standard wallet needs per account: the address and its 32-byte public key. */
export interface SolanaAccountWire {
  address: string;
  publicKey: string;
}

export function accountWire(address: string): SolanaAccountWire {
  return { address, publicKey: toBase64(new Uint8Array(getAddressEncoder().encode(address as never))) };
}

// Concurrent connection prompts from one origin share one answer (as on the EVM side).
const inProgress = new WeakMap<ProviderContext, Map<string, Promise<SolanaAccountWire[]>>>();

async function askToConnect(
  origin: string,
  ctx: ProviderContext,
  chain: unknown,
): Promise<SolanaAccountWire[]> {
  await ensureUnlocked(ctx);
  const address = await walletSolanaAddress(ctx);
  const cluster = await requestCluster({ origin, method: 'solana_connect' }, ctx, chain);
  await ctx.approvals.approve({
    origin,
    chain: clusterSummary(cluster),
    content: { kind: 'solanaConnect', address, cluster: cluster.chain },
    warnings: await solanaOriginWarnings(origin, ctx),
  });
  await solanaOf(ctx).permissions.grant(origin, address);
  return [accountWire(address)];
}

/**
 * solana_connect [{ silent?, chain? }]: `silent` (Wallet Standard `silent: true`) only returns an existing
 * grant and never prompts; otherwise the user approves in the approval window (unlocking first).
 */
export const solanaConnectMethods: Record<string, MethodHandler> = {
  solana_connect: async (req, ctx) => {
    const p = solanaParams(req);
    const existing = await visibleSolanaAccount(req.origin, ctx);
    if (existing) return [accountWire(existing)];
    if (p.silent === true) return [];
    const byOrigin = inProgress.get(ctx) ?? new Map<string, Promise<SolanaAccountWire[]>>();
    inProgress.set(ctx, byOrigin);
    const running = byOrigin.get(req.origin);
    if (running) return running;
    const run = askToConnect(req.origin, ctx, p.chain).finally(() => byOrigin.delete(req.origin));
    byOrigin.set(req.origin, run);
    return run;
  },
  /** Forget this origin's Solana grant (the page's `standard:disconnect`). */
  solana_disconnect: async (req, ctx) => {
    await solanaOf(ctx).permissions.revoke(req.origin);
    return null;
  },
};
