import type { SolanaClusterInfo } from '../../chains/solana/solana-clusters.ts';
import type { ChainSummary } from '../approvals/approval-types.ts';
import type { SolanaTransactionView } from './solana-transaction-view.ts';

/** What the approval window shows for Solana requests (plain JSON: it crosses runtime messaging). */
export type SolanaApprovalContent =
  | { kind: 'solanaConnect'; address: string; cluster: string }
  | { kind: 'solanaSignMessage'; address: string; messageHex: `0x${string}` }
  | { kind: 'solanaTransaction'; mode: 'send' | 'sign'; cluster: string; tx: SolanaTransactionView };

// The approval header shows a chain summary; Solana clusters have no numeric chain id, 0 stands for none.
export function clusterSummary(c: SolanaClusterInfo): ChainSummary {
  return { chainId: 0, name: c.name, symbol: 'SOL' };
}
