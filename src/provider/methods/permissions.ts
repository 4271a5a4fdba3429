import { ETH_ACCOUNTS, toEip2255 } from '../../permissions/permission-store.ts';
import { objectParam, positionalParams } from '../params.ts';
import type { MethodHandler, ProviderRequest } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';
import { connectOrigin } from './connect.ts';

/** The single permission object of EIP-2255 requests; only `eth_accounts` exists in this wallet. */
function requestedPermissions(req: ProviderRequest): void {
  const [p] = positionalParams(req, 1);
  const o = objectParam(req.method, 'the permission request', p);
  const names = Object.keys(o);
  if (names.length === 0) throw providerErrors.invalidParams(`${req.method}: no permission requested.`);
  for (const n of names) {
    if (n !== ETH_ACCOUNTS)
      throw providerErrors.invalidParams(
        `${req.method}: unknown permission "${n}" (only eth_accounts exists).`,
      );
    objectParam(req.method, n, o[n]);
  }
}

/** EIP-2255: request (always asks the user), get and revoke (EIP-2255 revoke as MetaMask ships it). */
export const permissionMethods: Record<string, MethodHandler> = {
  wallet_getPermissions: async (req, ctx) => {
    positionalParams(req, 0);
    const grant = await ctx.permissions.get(req.origin);
    return grant ? [toEip2255(grant)] : [];
  },
  wallet_requestPermissions: async (req, ctx) => {
    requestedPermissions(req);
    await connectOrigin(req.origin, ctx);
    const grant = await ctx.permissions.get(req.origin);
    if (!grant) throw providerErrors.internal();
    return [toEip2255(grant)];
  },
  wallet_revokePermissions: async (req, ctx) => {
    requestedPermissions(req);
    if (await ctx.permissions.revoke(req.origin)) ctx.events.emit(req.origin, 'accountsChanged', []);
    return null;
  },
};
