import type { MethodHandler } from '../provider-context.ts';
import { solanaConnectMethods } from './methods/solana-connect.ts';
import { solanaSignInMethods } from './methods/solana-sign-in.ts';
import { solanaSignMessageMethods } from './methods/solana-sign-message.ts';
import { solanaSignTransactionMethods } from './methods/solana-sign-transaction.ts';

/** The Solana methods the router serves (the page's Wallet Standard wallet calls these over the relay). */
export const solanaMethods: Record<string, MethodHandler> = {
  ...solanaConnectMethods,
  ...solanaSignInMethods,
  ...solanaSignMessageMethods,
  ...solanaSignTransactionMethods,
};
