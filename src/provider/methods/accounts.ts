import { positionalParams } from '../params.ts';
import type { MethodHandler } from '../provider-context.ts';
import { ensureUnlocked, visibleAccounts } from './access.ts';
import { connectOrigin } from './connect.ts';

/** eth_accounts never prompts ([] when not connected or locked); eth_requestAccounts connects when needed. */
export const accountMethods: Record<string, MethodHandler> = {
  eth_accounts: async (req, ctx) => {
    positionalParams(req, 0);
    return visibleAccounts(req.origin, ctx);
  },
  eth_requestAccounts: async (req, ctx) => {
    positionalParams(req, 0);
    if (await ctx.permissions.isConnected(req.origin)) {
      // Connected already: a locked wallet only needs unlocking, not a second connection prompt.
      await ensureUnlocked(ctx);
      const already = await visibleAccounts(req.origin, ctx);
      if (already.length > 0) return already;
    }
    return connectOrigin(req.origin, ctx);
  },
};
