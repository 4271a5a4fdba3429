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

/** solana_signMessage [{ account, message (base64) }] → { signedMessage, signature } (base64). */
export const solanaSignMessageMethods: Record<string, MethodHandler> = {
  solana_signMessage: async (req, ctx) => {
    const p = solanaParams(req);
    const message = base64Param(req, 'message', p.message, MAX_MESSAGE_BYTES);
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
