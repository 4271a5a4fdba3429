import { bytesToHex, hexToBytes, stringToBytes } from 'viem';
import { chainSummary } from '../approvals/approval-types.ts';
import { addressParam, isHexData, positionalParams } from '../params.ts';
import type { MethodHandler } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';
import { authorizedAccount, originWarnings } from './access.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;

/** personal_sign [message, address]: a 0x hex message is raw bytes, anything else is UTF-8 text. */
export function personalMessageBytes(method: string, v: unknown): Uint8Array {
  if (typeof v !== 'string') throw providerErrors.invalidParams(`${method}: the message must be a string.`);
  const bytes = isHexData(v) ? hexToBytes(v) : stringToBytes(v);
  if (bytes.length > MAX_MESSAGE_BYTES)
    throw providerErrors.invalidParams(`${method}: the message is larger than ${MAX_MESSAGE_BYTES} bytes.`);
  return bytes;
}

export const personalSignMethods: Record<string, MethodHandler> = {
  personal_sign: async (req, ctx) => {
    const [message, claimed] = positionalParams(req, 2, 3);
    const bytes = personalMessageBytes(req.method, message);
    const address = await authorizedAccount(req.origin, ctx, addressParam(req.method, 'address', claimed));
    const chain = await ctx.chains.selected();
    await ctx.approvals.approve({
      origin: req.origin,
      chain: chainSummary(chain),
      content: { kind: 'personalSign', address, messageHex: bytesToHex(bytes) },
      warnings: await originWarnings(req.origin, ctx),
    });
    return ctx.wallet.signPersonalMessage(bytes);
  },
};
