import { accountMethods } from './methods/accounts.ts';
import { addChainMethods } from './methods/add-chain.ts';
import { chainIdMethods } from './methods/chain-id.ts';
import { permissionMethods } from './methods/permissions.ts';
import { personalSignMethods } from './methods/personal-sign.ts';
import { readMethods } from './methods/read-methods.ts';
import { signTypedDataMethods } from './methods/sign-typed-data.ts';
import { switchChainMethods } from './methods/switch-chain.ts';
import { transactionMethods } from './methods/transaction.ts';
import type { MethodHandler, ProviderContext, ProviderRequest } from './provider-context.ts';
import { ProviderRpcError, providerErrors } from './provider-errors.ts';
import { solanaMethods } from './solana/solana-methods.ts';

export type { ProviderContext, ProviderRequest } from './provider-context.ts';

// One file per method or small family (src/provider/methods/); this table is the whole public surface.
const handlers: Record<string, MethodHandler> = {
  ...chainIdMethods,
  ...accountMethods,
  ...permissionMethods,
  ...personalSignMethods,
  ...signTypedDataMethods,
  ...transactionMethods,
  ...switchChainMethods,
  ...addChainMethods,
  ...readMethods,
  ...solanaMethods,
};

export const SUPPORTED_METHODS: readonly string[] = Object.keys(handlers);

export async function routeProviderRequest(req: ProviderRequest, ctx: ProviderContext): Promise<unknown> {
  const handler = Object.hasOwn(handlers, req.method) ? handlers[req.method] : undefined;
  if (!handler) throw providerErrors.unsupportedMethod(req.method);
  try {
    return await handler(req, ctx);
  } catch (e) {
    if (e instanceof ProviderRpcError) throw e;
    // Never forward an internal exception's text to a page (it could carry wallet internals).
    throw providerErrors.internal();
  }
}
