import type { Hex, TransactionSerializable } from 'viem';
import { type ApprovalWarning, chainSummary, type TransactionView } from '../approvals/approval-types.ts';
import { positionalParams } from '../params.ts';
import type { MethodHandler, ProviderContext, ProviderRequest } from '../provider-context.ts';
import { authorizedAccount, originWarnings } from './access.ts';
import { fillTransaction, toHexQuantity } from './fill-transaction.ts';
import { parseTransactionRequest } from './transaction-request.ts';

function viewOf(tx: TransactionSerializable, from: Hex): TransactionView {
  return {
    from,
    ...(tx.to ? { to: tx.to } : {}),
    value: toHexQuantity(tx.value ?? 0n),
    ...(tx.data ? { data: tx.data } : {}),
    gas: toHexQuantity(tx.gas ?? 0n),
    nonce: tx.nonce ?? 0,
    chainId: tx.chainId ?? 0,
    type: tx.type === 'legacy' ? 'legacy' : 'eip1559',
    ...(tx.type === 'legacy' && tx.gasPrice !== undefined ? { gasPrice: toHexQuantity(tx.gasPrice) } : {}),
    ...(tx.type === 'eip1559' && tx.maxFeePerGas !== undefined
      ? { maxFeePerGas: toHexQuantity(tx.maxFeePerGas) }
      : {}),
    ...(tx.type === 'eip1559' && tx.maxPriorityFeePerGas !== undefined
      ? { maxPriorityFeePerGas: toHexQuantity(tx.maxPriorityFeePerGas) }
      : {}),
  };
}

/** Validate, authorize, fill from the chain, ask the user, sign; returns the signed tx and the chain RPC. */
async function approvedSignedTransaction(req: ProviderRequest, ctx: ProviderContext, mode: 'send' | 'sign') {
  const [raw] = positionalParams(req, 1);
  const chain = await ctx.chains.selected();
  const request = parseTransactionRequest(req.method, raw, chain.chainId);
  const from = await authorizedAccount(req.origin, ctx, request.from);
  const rpc = ctx.rpcFor(chain.rpcUrl);
  const tx = await fillTransaction({ ...request, from }, chain.chainId, rpc);

  const warnings: ApprovalWarning[] = await originWarnings(req.origin, ctx);
  if (!tx.to) warnings.push({ code: 'contract-deployment', message: 'This transaction deploys a contract.' });
  else {
    const code = await rpc.request({ method: 'eth_getCode', params: [tx.to, 'latest'] });
    const hasCode = typeof code === 'string' && code !== '0x' && code !== '0x0';
    if (hasCode || (tx.data && tx.data !== '0x'))
      warnings.push({
        code: 'contract-interaction',
        message: hasCode
          ? 'The recipient is a contract: this calls its code, which may move more than the value shown.'
          : 'This transaction carries data for the recipient.',
      });
  }
  await ctx.approvals.approve({
    origin: req.origin,
    chain: chainSummary(chain),
    content: { kind: 'transaction', mode, tx: viewOf(tx, from) },
    warnings,
  });
  return { signed: await ctx.wallet.signTransaction(tx), rpc };
}

/** eth_sendTransaction (signed, then broadcast on the active chain) and eth_signTransaction (signed only). */
export const transactionMethods: Record<string, MethodHandler> = {
  eth_sendTransaction: async (req, ctx) => {
    const { signed, rpc } = await approvedSignedTransaction(req, ctx, 'send');
    return rpc.request({ method: 'eth_sendRawTransaction', params: [signed] });
  },
  eth_signTransaction: async (req, ctx) => (await approvedSignedTransaction(req, ctx, 'sign')).signed,
};
