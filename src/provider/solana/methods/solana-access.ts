import type { Address } from '@solana/kit';
import { isSolanaChain, type SolanaClusterInfo } from '../../../chains/solana/solana-clusters.ts';
import type { ApprovalWarning } from '../../approvals/approval-types.ts';
import { ensureUnlocked } from '../../methods/access.ts';
import type { ProviderContext, ProviderRequest } from '../../provider-context.ts';
import { providerErrors } from '../../provider-errors.ts';
import type { SolanaContext } from '../solana-context.ts';

const NO_WALLET = 'Twofold has no wallet yet: create one in the extension first.';

export function solanaOf(ctx: ProviderContext): SolanaContext {
  if (!ctx.solana) throw providerErrors.unsupportedMethod('solana');
  return ctx.solana;
}

/** The wallet's Solana address (base58), or 4100 when there is none or the wallet cannot sign ed25519. */
export async function walletSolanaAddress(ctx: ProviderContext): Promise<Address> {
  const address = ctx.wallet.solanaAddress ? await ctx.wallet.solanaAddress() : null;
  if (!address || !ctx.wallet.signEd25519) throw providerErrors.unauthorized(NO_WALLET);
  return address as Address;
}

/** What an origin sees: its granted address while the wallet is unlocked and still has that address. */
export async function visibleSolanaAccount(origin: string, ctx: ProviderContext): Promise<Address | null> {
  const grant = await solanaOf(ctx).permissions.get(origin);
  if (!grant || !(await ctx.wallet.isUnlocked())) return null;
  const address = ctx.wallet.solanaAddress ? await ctx.wallet.solanaAddress() : null;
  return address && address === grant.address ? (address as Address) : null;
}

/** 4100 unless the origin is connected for Solana; unlocks if needed; the address must match `claimed`. */
export async function authorizedSolanaAccount(
  origin: string,
  ctx: ProviderContext,
  claimed: unknown,
): Promise<Address> {
  const sol = solanaOf(ctx);
  const grant = await sol.permissions.get(origin);
  if (!grant) throw providerErrors.unauthorized();
  await ensureUnlocked(ctx);
  const address = await walletSolanaAddress(ctx);
  if (grant.address !== address) throw providerErrors.unauthorized();
  if (claimed !== undefined && claimed !== address)
    throw providerErrors.unauthorized('That account is not authorized for this site.');
  await sol.permissions.touch(origin);
  return address;
}

export async function solanaOriginWarnings(origin: string, ctx: ProviderContext): Promise<ApprovalWarning[]> {
  if (await solanaOf(ctx).permissions.get(origin)) return [];
  return [
    {
      code: 'first-time-origin',
      message: `${origin} is not connected to Twofold. Only continue if you trust this site.`,
    },
  ];
}

/** The request's single object parameter (Wallet Standard inputs travel as one object). */
export function solanaParams(req: ProviderRequest): Record<string, unknown> {
  const p = Array.isArray(req.params) ? req.params[0] : req.params;
  if (p === undefined) return {};
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw providerErrors.invalidParams(`${req.method}: params must be an object.`);
  return p as Record<string, unknown>;
}

/** The cluster a request names (`solana:devnet` …), or the selected one when it names none. */
export async function requestCluster(
  req: ProviderRequest,
  ctx: ProviderContext,
  chain: unknown,
): Promise<SolanaClusterInfo> {
  const clusters = solanaOf(ctx).clusters;
  if (chain === undefined) return clusters.selected();
  if (!isSolanaChain(chain))
    throw providerErrors.invalidParams(`${req.method}: unsupported chain ${JSON.stringify(chain)}.`);
  return clusters.get(chain.slice('solana:'.length) as never);
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function base64Param(req: ProviderRequest, name: string, v: unknown, maxBytes: number): Uint8Array {
  if (typeof v !== 'string' || v.length % 4 !== 0 || !B64.test(v) || v.length > ((maxBytes + 2) / 3) * 4 + 4)
    throw providerErrors.invalidParams(`${req.method}: ${name} must be base64 (at most ${maxBytes} bytes).`);
  const bin = atob(v);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  if (out.length > maxBytes) throw providerErrors.invalidParams(`${req.method}: ${name} is too large.`);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
