import type { ApprovalWarning } from '../../approvals/approval-types.ts';
import { ensureUnlocked } from '../../methods/access.ts';
import type { MethodHandler, ProviderRequest } from '../../provider-context.ts';
import { providerErrors } from '../../provider-errors.ts';
import { clusterSummary } from '../solana-approval.ts';
import {
  bindSignInAddress,
  SolanaSignInError,
  type SolanaSignInFields,
  type SolanaSignInRequest,
  signInMessageText,
  signInTimeWarnings,
  validateSignInInput,
} from '../solana-sign-in-message.ts';
import { SolanaSigningError, signSolanaMessage } from '../solana-signing.ts';
import { solanaOf, solanaOriginWarnings, toBase64, walletSolanaAddress } from './solana-access.ts';
import { accountWire } from './solana-connect.ts';

/** The host (with a non-default port) of the origin the request came from; sign-ins are bound to it. */
function originHost(req: ProviderRequest): string {
  try {
    const host = new URL(req.origin).host;
    if (host) return host;
  } catch {}
  throw providerErrors.invalidParams(`${req.method}: this page has no host to sign in to.`);
}

function timeWarnings(fields: SolanaSignInFields): ApprovalWarning[] {
  return signInTimeWarnings(fields, Date.now()).map((w) =>
    w === 'expired'
      ? { code: 'sign-in-expired', message: 'This sign-in request has already expired (Expiration Time).' }
      : { code: 'sign-in-not-yet-valid', message: 'This sign-in request is not valid yet (Not Before).' },
  );
}

/**
 * solana_signIn [SolanaSignInInput] → { account: { address, publicKey }, signedMessage, signature } (base64).
 * Sign In With Solana: validate strictly, show every field, co-sign the exact SIWS message bytes, verify,
 * and connect the origin (grant it the account, as solana_connect does) once the signature is good.
 */
export const solanaSignInMethods: Record<string, MethodHandler> = {
  solana_signIn: async (req, ctx) => {
    const input = (Array.isArray(req.params) ? req.params[0] : req.params) ?? {};
    const refuse = (e: unknown): never => {
      if (e instanceof SolanaSignInError) throw providerErrors.invalidParams(`${req.method}: ${e.message}`);
      throw e;
    };
    // Bad input is refused before any unlock prompt; the address check needs the unlocked wallet.
    let request: SolanaSignInRequest;
    try {
      request = validateSignInInput(input, originHost(req));
    } catch (e) {
      return refuse(e);
    }
    await ensureUnlocked(ctx);
    const address = await walletSolanaAddress(ctx);
    let fields: SolanaSignInFields;
    let text: string;
    try {
      fields = bindSignInAddress(request, address);
      text = signInMessageText(fields);
    } catch (e) {
      return refuse(e);
    }
    await ctx.approvals.approve({
      origin: req.origin,
      chain: clusterSummary(await solanaOf(ctx).clusters.selected()),
      content: { kind: 'solanaSignIn', signIn: fields, message: text },
      warnings: [...(await solanaOriginWarnings(req.origin, ctx)), ...timeWarnings(fields)],
    });
    const sign = ctx.wallet.signEd25519;
    if (!sign) throw providerErrors.unauthorized();
    const message = new TextEncoder().encode(text);
    let signature: Uint8Array;
    try {
      signature = await signSolanaMessage(message, address, sign);
    } catch (e) {
      if (e instanceof SolanaSigningError)
        throw providerErrors.internal('The wallet produced an invalid signature.');
      throw e;
    }
    await solanaOf(ctx).permissions.grant(req.origin, address);
    return {
      account: accountWire(address),
      signedMessage: toBase64(message),
      signature: toBase64(signature),
    };
  },
};
