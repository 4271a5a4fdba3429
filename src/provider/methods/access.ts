import type { Hex } from 'viem';
import type { EvmChain } from '../../chains/evm-chains.ts';
import type { ApprovalWarning } from '../approvals/approval-types.ts';
import { sameAddress } from '../params.ts';
import type { ProviderContext } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';

/** The accounts an origin may see right now: its granted ones, while the wallet is unlocked. */
export async function visibleAccounts(origin: string, ctx: ProviderContext): Promise<Hex[]> {
  const grant = await ctx.permissions.get(origin);
  if (!grant || !(await ctx.wallet.isUnlocked())) return [];
  const address = await ctx.wallet.evmAddress();
  if (!address || !grant.accounts.some((a) => sameAddress(a, address))) return [];
  return [address.toLowerCase() as Hex];
}

/** Unlock first when locked (the wallet asks the user); a user who gives up gets 4001. */
export async function ensureUnlocked(ctx: ProviderContext): Promise<void> {
  if (await ctx.wallet.isUnlocked()) return;
  await ctx.wallet.requestUnlock();
  if (!(await ctx.wallet.isUnlocked())) throw providerErrors.userRejected('The wallet was not unlocked.');
}

/** 4100 unless the origin is connected; then the wallet's address, unlocked, and matching `claimed`. */
export async function authorizedAccount(
  origin: string,
  ctx: ProviderContext,
  claimed?: string,
): Promise<Hex> {
  const grant = await ctx.permissions.get(origin);
  if (!grant) throw providerErrors.unauthorized();
  await ensureUnlocked(ctx);
  const address = await ctx.wallet.evmAddress();
  if (!address || !grant.accounts.some((a) => sameAddress(a, address))) throw providerErrors.unauthorized();
  if (claimed !== undefined && !sameAddress(claimed, address))
    throw providerErrors.unauthorized(`The account ${claimed} is not authorized for this site.`);
  await ctx.permissions.touch(origin);
  return address;
}

/** 4100 unless the origin is connected (read methods). */
export async function requireConnected(origin: string, ctx: ProviderContext): Promise<void> {
  if (!(await ctx.permissions.isConnected(origin))) throw providerErrors.unauthorized();
}

export async function originWarnings(origin: string, ctx: ProviderContext): Promise<ApprovalWarning[]> {
  if (await ctx.permissions.isConnected(origin)) return [];
  return [
    {
      code: 'first-time-origin',
      message: `${origin} is not connected to Twofold. Only continue if you trust this site.`,
    },
  ];
}

export async function activeChain(ctx: ProviderContext): Promise<EvmChain> {
  return ctx.chains.selected();
}
