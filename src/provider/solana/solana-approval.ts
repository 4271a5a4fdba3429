import type { SolanaClusterInfo } from '../../chains/solana/solana-clusters.ts';
import type { ChainSummary } from '../approvals/approval-types.ts';
import type { SolanaSignInFields } from './solana-sign-in-message.ts';
import type { SolanaTransactionView } from './solana-transaction-view.ts';

/** What the approval window shows for Solana requests (plain JSON: it crosses runtime messaging). */
export type SolanaApprovalContent =
  | { kind: 'solanaConnect'; address: string; cluster: string }
  | { kind: 'solanaSignMessage'; address: string; messageHex: `0x${string}` }
  | { kind: 'solanaTransaction'; mode: 'send' | 'sign'; cluster: string; tx: SolanaTransactionView }
  /** Sign In With Solana: every field as validated, and the exact message text that will be signed. */
  | { kind: 'solanaSignIn'; signIn: SolanaSignInFields; message: string };

// The approval header shows a chain summary; Solana clusters have no numeric chain id, 0 stands for none.
export function clusterSummary(c: SolanaClusterInfo): ChainSummary {
  return { chainId: 0, name: c.name, symbol: 'SOL' };
}
