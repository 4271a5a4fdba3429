import { getCompiledTransactionMessageDecoder } from '@solana/kit';
import { bytesToHex } from 'viem';
import type { MethodHandler } from '../../provider-context.ts';
import { providerErrors } from '../../provider-errors.ts';
import { clusterSummary } from '../solana-approval.ts';
import { verifySolanaSignature } from '../solana-signing.ts';
import {
  authorizedSolanaAccount,
  base64Param,
  solanaOf,
  solanaOriginWarnings,
  solanaParams,
  toBase64,
} from './solana-access.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * A transaction's signature is a signature of its message bytes, so "sign this message" must never sign
 * bytes that are a whole transaction message: that would authorize a transaction the user never saw decoded.
 */
export function looksLikeTransactionMessage(bytes: Uint8Array): boolean {
  try {
    const [m, end] = getCompiledTransactionMessageDecoder().read(bytes, 0);
    return end === bytes.length && m.staticAccounts.length > 0;
  } catch {
    return false;
  }
}

/** solana_signMessage [{ account, message (base64) }] → { signedMessage, signature } (base64). */
export const solanaSignMessageMethods: Record<string, MethodHandler> = {
  solana_signMessage: async (req, ctx) => {
    const p = solanaParams(req);
    const message = base64Param(req, 'message', p.message, MAX_MESSAGE_BYTES);
    if (looksLikeTransactionMessage(message))
      throw providerErrors.invalidParams(
        `${req.method}: the message is a Solana transaction; use signTransaction so it is shown decoded.`,
      );
    const address = await authorizedSolanaAccount(req.origin, ctx, p.account);
    await ctx.approvals.approve({
      origin: req.origin,
      chain: clusterSummary(await solanaOf(ctx).clusters.selected()),
      content: { kind: 'solanaSignMessage', address, messageHex: bytesToHex(message) },
      warnings: await solanaOriginWarnings(req.origin, ctx),
    });
    const sign = ctx.wallet.signEd25519;
    if (!sign) throw providerErrors.unauthorized();
    const signature = await sign(message);
    await verifySolanaSignature(address, signature, message).catch(() => {
      throw providerErrors.internal('The wallet produced an invalid signature.');
    });
    return { signedMessage: toBase64(message), signature: toBase64(signature) };
  },
};
