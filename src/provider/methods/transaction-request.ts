import type { Hex } from 'viem';
import { addressParam, isHexData, objectParam, quantityParam } from '../params.ts';
import { providerErrors } from '../provider-errors.ts';

/** A dApp's eth_sendTransaction object after validation; missing fields are filled from the chain later. */
export interface TransactionRequest {
  /** Absent: the site's authorized account (as other wallets do). */
  from?: Hex;
  to?: Hex;
  value: bigint;
  data?: Hex;
  gas?: bigint;
  nonce?: number;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  type: 'eip1559' | 'legacy';
}

const KNOWN = new Set([
  'from',
  'to',
  'value',
  'data',
  'input',
  'gas',
  'gasLimit',
  'nonce',
  'gasPrice',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'chainId',
  'type',
  'accessList',
]);

export function parseTransactionRequest(
  method: string,
  raw: unknown,
  activeChainId: number,
): TransactionRequest {
  const o = objectParam(method, 'the transaction', raw);
  for (const k of Object.keys(o))
    if (!KNOWN.has(k)) throw providerErrors.invalidParams(`${method}: unknown transaction field "${k}".`);
  const opt = (k: string) => (o[k] === undefined || o[k] === null ? undefined : o[k]);
  const q = (k: string) => (opt(k) === undefined ? undefined : quantityParam(method, k, o[k]));

  const from = opt('from') === undefined ? undefined : addressParam(method, 'from', o.from);
  const to = opt('to') === undefined ? undefined : addressParam(method, 'to', o.to);
  const data = opt('data') ?? opt('input');
  if (data !== undefined && !isHexData(data))
    throw providerErrors.invalidParams(`${method}: data must be 0x-prefixed hex bytes.`);
  if (opt('data') !== undefined && opt('input') !== undefined && o.data !== o.input)
    throw providerErrors.invalidParams(`${method}: data and input differ.`);
  if (to === undefined && (data === undefined || data === '0x'))
    throw providerErrors.invalidParams(`${method}: a transaction without "to" must carry contract code.`);
  if (opt('accessList') !== undefined && !(Array.isArray(o.accessList) && o.accessList.length === 0))
    throw providerErrors.invalidParams(`${method}: access lists are not supported.`);

  const chainId = q('chainId');
  if (chainId !== undefined && chainId !== BigInt(activeChainId))
    throw providerErrors.invalidParams(
      `${method}: chainId ${chainId} does not match the active chain ${activeChainId}; switch chains first.`,
    );
  const gas = q('gas') ?? q('gasLimit');
  const nonce = q('nonce');
  if (nonce !== undefined && nonce > BigInt(Number.MAX_SAFE_INTEGER))
    throw providerErrors.invalidParams(`${method}: nonce is too large.`);
  const gasPrice = q('gasPrice');
  const maxFeePerGas = q('maxFeePerGas');
  const maxPriorityFeePerGas = q('maxPriorityFeePerGas');
  if (gasPrice !== undefined && (maxFeePerGas !== undefined || maxPriorityFeePerGas !== undefined))
    throw providerErrors.invalidParams(`${method}: give either gasPrice or EIP-1559 fees, not both.`);
  if (maxFeePerGas !== undefined && maxPriorityFeePerGas !== undefined && maxPriorityFeePerGas > maxFeePerGas)
    throw providerErrors.invalidParams(`${method}: maxPriorityFeePerGas exceeds maxFeePerGas.`);

  const typeRaw = opt('type');
  let type: TransactionRequest['type'];
  if (typeRaw === undefined) type = gasPrice !== undefined ? 'legacy' : 'eip1559';
  else if (typeRaw === '0x0' || typeRaw === '0x00') type = 'legacy';
  else if (typeRaw === '0x2' || typeRaw === '0x02') type = 'eip1559';
  else
    throw providerErrors.invalidParams(
      `${method}: only legacy (0x0) and EIP-1559 (0x2) transactions are supported.`,
    );
  if (type === 'legacy' && (maxFeePerGas !== undefined || maxPriorityFeePerGas !== undefined))
    throw providerErrors.invalidParams(`${method}: a legacy transaction takes gasPrice, not EIP-1559 fees.`);
  if (type === 'eip1559' && gasPrice !== undefined)
    throw providerErrors.invalidParams(
      `${method}: an EIP-1559 transaction takes maxFeePerGas, not gasPrice.`,
    );

  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    value: q('value') ?? 0n,
    ...(data === undefined ? {} : { data: data as Hex }),
    ...(gas === undefined ? {} : { gas }),
    ...(nonce === undefined ? {} : { nonce: Number(nonce) }),
    ...(gasPrice === undefined ? {} : { gasPrice }),
    ...(maxFeePerGas === undefined ? {} : { maxFeePerGas }),
    ...(maxPriorityFeePerGas === undefined ? {} : { maxPriorityFeePerGas }),
    type,
  };
}
