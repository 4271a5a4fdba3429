import { type Address, getBase58Encoder } from '@solana/kit';
import type { MethodHandler, ProviderContext, ProviderRequest } from '../../provider-context.ts';
import { ProviderRpcError, providerErrors } from '../../provider-errors.ts';
import { clusterSummary } from '../solana-approval.ts';
import { requireSigner, SolanaSigningError, signSolanaTransaction } from '../solana-signing.ts';
import { decodeSolanaTransaction, SolanaDecodeError } from '../solana-transaction-view.ts';
import {
  authorizedSolanaAccount,
  base64Param,
  requestCluster,
  solanaOf,
  solanaOriginWarnings,
  solanaParams,
  toBase64,
} from './solana-access.ts';

// A Solana packet is 1232 bytes; a little room for anything a future version adds.
const MAX_TRANSACTION_BYTES = 4096;

/** Validate, authorize, show the decoded transaction, co-sign, verify; returns the signed wire bytes. */
async function approvedSignedTransaction(req: ProviderRequest, ctx: ProviderContext, mode: 'send' | 'sign') {
  const p = solanaParams(req);
  const wire = base64Param(req, 'transaction', p.transaction, MAX_TRANSACTION_BYTES);
  const cluster = await requestCluster(req, ctx, p.chain);
  let decoded: ReturnType<typeof decodeSolanaTransaction>;
  try {
    decoded = decodeSolanaTransaction(wire);
  } catch (e) {
    if (e instanceof SolanaDecodeError) throw providerErrors.invalidParams(`${req.method}: ${e.message}`);
    throw e;
  }
  const address = await authorizedSolanaAccount(req.origin, ctx, p.account);
  try {
    requireSigner(decoded.transaction, address);
  } catch {
    throw providerErrors.invalidParams(`${req.method}: the wallet is not a signer of this transaction.`);
  }
  await ctx.approvals.approve({
    origin: req.origin,
    chain: clusterSummary(cluster),
    content: { kind: 'solanaTransaction', mode, cluster: cluster.chain, tx: decoded.view },
    warnings: await solanaOriginWarnings(req.origin, ctx),
  });
  const sign = ctx.wallet.signEd25519;
  if (!sign) throw providerErrors.unauthorized();
  try {
    return { ...(await signSolanaTransaction(wire, address, sign)), cluster, options: p.options };
  } catch (e) {
    if (e instanceof SolanaSigningError)
      throw providerErrors.internal('The wallet produced an invalid signature.');
    throw e;
  }
}

function sendOptions(v: unknown): Record<string, unknown> {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { encoding: 'base64' };
  for (const k of ['preflightCommitment', 'skipPreflight', 'maxRetries', 'minContextSlot'] as const)
    if (
      o[k] !== undefined &&
      (typeof o[k] === 'string' || typeof o[k] === 'number' || typeof o[k] === 'boolean')
    )
      out[k] = o[k];
  return out;
}

/**
 * solana_signTransaction [{ account, transaction (base64), chain? }] → { signedTransaction };
 * solana_signAndSendTransaction also sends it to the cluster's RPC → { signature } (base64 bytes).
 */
export const solanaSignTransactionMethods: Record<string, MethodHandler> = {
  solana_signTransaction: async (req, ctx) => {
    const signed = await approvedSignedTransaction(req, ctx, 'sign');
    return { signedTransaction: toBase64(signed.wire) };
  },
  solana_signAndSendTransaction: async (req, ctx) => {
    const signed = await approvedSignedTransaction(req, ctx, 'send');
    const rpc = solanaOf(ctx).rpcFor(signed.cluster.rpcUrl);
    const sent = await rpc.request({
      method: 'sendTransaction',
      params: [toBase64(signed.wire), sendOptions(signed.options)],
    });
    if (typeof sent !== 'string') throw new ProviderRpcError(-32603, 'The cluster RPC gave no signature.');
    // The transaction's id is its first signature (the fee payer's), which may be another signer's.
    const id = signed.transaction.signatures[signed.view.feePayer as Address];
    return { signature: toBase64(id ? new Uint8Array(id) : (getBase58Encoder().encode(sent) as Uint8Array)) };
  },
};
