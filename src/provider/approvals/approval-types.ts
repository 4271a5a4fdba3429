import type { Hex } from 'viem';
import type { EvmChain } from '../../chains/evm-chains.ts';
import type { SolanaApprovalContent } from '../solana/solana-approval.ts';

/** What the approval window shows. Plain JSON (hex strings, no bigints): it crosses runtime messaging. */
export interface ChainSummary {
  chainId: number;
  name: string;
  symbol: string;
}

export interface TransactionView {
  from: Hex;
  /** Absent for a contract deployment. */
  to?: Hex;
  value: Hex;
  data?: Hex;
  gas: Hex;
  nonce: number;
  chainId: number;
  type: 'eip1559' | 'legacy';
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  gasPrice?: Hex;
}

export type ApprovalContent =
  | { kind: 'connect'; address: Hex }
  | { kind: 'switchChain'; from: ChainSummary; to: ChainSummary }
  | { kind: 'addChain'; chain: EvmChain }
  | { kind: 'personalSign'; address: Hex; messageHex: Hex }
  | { kind: 'typedData'; address: Hex; json: string; typedDataChainId?: number }
  | { kind: 'transaction'; mode: 'send' | 'sign'; tx: TransactionView }
  | SolanaApprovalContent;

export type ApprovalWarningCode =
  | 'first-time-origin'
  | 'contract-interaction'
  | 'contract-deployment'
  | 'sign-in-expired'
  | 'sign-in-not-yet-valid';

export interface ApprovalWarning {
  code: ApprovalWarningCode;
  message: string;
}

export interface ApprovalRequest {
  origin: string;
  chain: ChainSummary;
  content: ApprovalContent;
  warnings: ApprovalWarning[];
}

/** The request as the approval page receives it: with its id and how many are waiting in total. */
export interface ApprovalView extends ApprovalRequest {
  id: string;
  queued: number;
}

/** Resolves when the user approves; rejects with a 4001 ProviderRpcError when they reject or close. */
export interface ApprovalRequester {
  approve(request: ApprovalRequest): Promise<void>;
}

export function chainSummary(c: EvmChain): ChainSummary {
  return { chainId: c.chainId, name: c.name, symbol: c.nativeCurrency.symbol };
}
