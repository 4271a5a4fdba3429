import { hashTypedData, type TypedDataDefinition } from 'viem';
import { type ApprovalWarning, chainSummary } from '../approvals/approval-types.ts';
import { addressParam, positionalParams } from '../params.ts';
import type { MethodHandler } from '../provider-context.ts';
import { providerErrors } from '../provider-errors.ts';
import { authorizedAccount, originWarnings } from './access.ts';

const MAX_JSON = 256 * 1024;

export interface ParsedTypedData {
  json: string;
  domainChainId?: number;
}

function parseChainId(v: unknown): number | undefined | null {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  }
  return null;
}

/** Check an EIP-712 v4 payload (JSON string or object) is well formed and hashable; -32602 otherwise. */
export function parseTypedData(method: string, v: unknown): ParsedTypedData {
  const json = typeof v === 'string' ? v : JSON.stringify(v ?? null);
  if (json.length > MAX_JSON) throw providerErrors.invalidParams(`${method}: typed data is too large.`);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json);
  } catch {
    throw providerErrors.invalidParams(`${method}: typed data is not valid JSON.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw providerErrors.invalidParams(`${method}: typed data must be an object.`);
  const { types, primaryType, domain, message } = data;
  if (typeof types !== 'object' || types === null || Array.isArray(types))
    throw providerErrors.invalidParams(`${method}: typed data needs a "types" object.`);
  if (typeof primaryType !== 'string' || !Object.hasOwn(types, primaryType))
    throw providerErrors.invalidParams(`${method}: "primaryType" must name one of the types.`);
  if (typeof domain !== 'object' || domain === null)
    throw providerErrors.invalidParams(`${method}: typed data needs a "domain" object.`);
  if (typeof message !== 'object' || message === null)
    throw providerErrors.invalidParams(`${method}: typed data needs a "message" object.`);
  const domainChainId = parseChainId((domain as Record<string, unknown>).chainId);
  if (domainChainId === null)
    throw providerErrors.invalidParams(`${method}: domain.chainId is not a chain id.`);
  try {
    hashTypedData(data as unknown as TypedDataDefinition);
  } catch (e) {
    const why = e instanceof Error ? (e as { shortMessage?: string }).shortMessage || e.message : '';
    throw providerErrors.invalidParams(
      `${method}: typed data does not match its types (${why.slice(0, 200)}).`,
    );
  }
  return { json, ...(domainChainId === undefined ? {} : { domainChainId }) };
}

export const signTypedDataMethods: Record<string, MethodHandler> = {
  eth_signTypedData_v4: async (req, ctx) => {
    const [claimed, typed] = positionalParams(req, 2);
    const claimedAddress = addressParam(req.method, 'address', claimed);
    const parsed = parseTypedData(req.method, typed);
    const address = await authorizedAccount(req.origin, ctx, claimedAddress);
    const chain = await ctx.chains.selected();
    // Refused before the user is asked (as MetaMask does): a signature the wallet would refuse after
    // Approve anyway, or one meant for another chain's contract, is never worth an approval.
    if (parsed.domainChainId !== undefined && parsed.domainChainId !== chain.chainId)
      throw providerErrors.invalidParams(
        `${req.method}: domain.chainId ${parsed.domainChainId} is not the active chain ${chain.chainId}; switch the wallet to chain ${parsed.domainChainId} first.`,
      );
    const warnings: ApprovalWarning[] = await originWarnings(req.origin, ctx);
    await ctx.approvals.approve({
      origin: req.origin,
      chain: chainSummary(chain),
      content: {
        kind: 'typedData',
        address,
        json: parsed.json,
        ...(parsed.domainChainId === undefined ? {} : { typedDataChainId: parsed.domainChainId }),
      },
      warnings,
    });
    return ctx.wallet.signTypedDataV4(parsed.json, chain.chainId);
  },
};
