import type { Hex } from 'viem';
import { chainSummary } from '../approvals/approval-types.ts';
import type { ProviderContext } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';
import { ensureUnlocked, originWarnings } from './access.ts';

// Connection prompts in progress per context and origin: a dApp that asks twice gets the same answer.
const inProgress = new WeakMap<ProviderContext, Map<string, Promise<Hex[]>>>();

/**
 * Ask the user to connect `origin` (unlocking first), grant `eth_accounts` for the wallet's address and tell
 * the origin's pages. Shared by eth_requestAccounts and wallet_requestPermissions; concurrent calls from one
 * origin share one prompt.
 */
export function connectOrigin(origin: string, ctx: ProviderContext): Promise<Hex[]> {
  const byOrigin = inProgress.get(ctx) ?? new Map<string, Promise<Hex[]>>();
  inProgress.set(ctx, byOrigin);
  const running = byOrigin.get(origin);
  if (running) return running;
  const p = askToConnect(origin, ctx).finally(() => byOrigin.delete(origin));
  byOrigin.set(origin, p);
  return p;
}

async function askToConnect(origin: string, ctx: ProviderContext): Promise<Hex[]> {
  await ensureUnlocked(ctx);
  const address = await ctx.wallet.evmAddress();
  if (!address)
    throw providerErrors.unauthorized('Twofold has no wallet yet: create one in the extension first.');
  const chain = await ctx.chains.selected();
  await ctx.approvals.approve({
    origin,
    chain: chainSummary(chain),
    content: { kind: 'connect', address },
    warnings: await originWarnings(origin, ctx),
  });
  await ctx.permissions.grant(origin, [address]);
  const accounts = [address.toLowerCase() as Hex];
  ctx.events.emit(origin, 'accountsChanged', accounts);
  return accounts;
}
