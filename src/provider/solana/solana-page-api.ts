/**
 * The popup's Solana requests (page API): clusters and their RPC URLs, the SOL balance of the selected
 * cluster, and sending SOL. The transfer is built with @solana/kit, co-signed by the wallet (FROST with the
 * enclave), verified with kit, then sent to the selected cluster's RPC.
 */

import { type Address, type Blockhash, isAddress } from '@solana/kit';
import {
  SOLANA_CLUSTERS,
  type SolanaCluster,
  SolanaClusterError,
  type SolanaClusterInfo,
} from '../../chains/solana/solana-clusters.ts';
import type { ProviderWallet } from '../provider-wallet.ts';
import { toBase64 } from './methods/solana-access.ts';
import type { SolanaContext } from './solana-context.ts';
import type { SolanaGrant } from './solana-permissions.ts';
import { quoteSolanaSweep, type SolanaSweepQuote, sweepSolana } from './solana-sweep.ts';
import { formatUnits } from './solana-transaction-view.ts';
import { signSolTransfer, solanaRpcCall, solTransfer } from './solana-transfer.ts';

export interface SolanaBalance {
  address: string;
  cluster: SolanaCluster;
  /** Integer lamports as a decimal string (JSON has no bigint). */
  lamports: string;
  /** The same amount in SOL, exact decimal. */
  sol: string;
}

export interface SolanaPageRequests {
  'solana.clusters': {
    request: Record<string, never>;
    response: { clusters: SolanaClusterInfo[]; selected: SolanaCluster };
  };
  'solana.selectCluster': { request: { cluster: SolanaCluster }; response: SolanaClusterInfo };
  'solana.setRpcUrl': { request: { cluster: SolanaCluster; rpcUrl: string }; response: SolanaClusterInfo };
  /** SOL balance of the wallet's Solana address on the selected cluster. */
  'solana.balance': { request: Record<string, never>; response: SolanaBalance };
  /** Sites connected on the Solana side (separate grants from the EVM ones in 'sites.list'). */
  'solana.sites': { request: Record<string, never>; response: { sites: SolanaGrant[] } };
  'solana.sites.revoke': { request: { origin: string }; response: { sites: SolanaGrant[] } };
  /** Send `amount` SOL (decimal string, at most 9 places) to `to` on the selected cluster. */
  'solana.send': {
    request: { to: string; amount: string };
    response: { signature: string; cluster: SolanaCluster };
  };
  /** What sweeping the whole SOL balance to `to` on the selected cluster would move now (read-only). */
  'solana.sweep.quote': { request: { to: string }; response: SolanaSweepQuote };
  /** Sweep: balance − the RPC's fee for the transfer, signed by the wallet (co-signed or after eject, local). */
  'solana.sweep': { request: { to: string }; response: SolanaSweepQuote & { signature: string } };
}

export type SolanaPageErrorCode =
  | 'LOCKED'
  | 'NO_WALLET'
  | 'INVALID_ARGUMENT'
  | 'RPC_ERROR'
  | 'SIGNING_FAILED';

export class SolanaPageError extends Error {
  override readonly name = 'SolanaPageError';
  constructor(
    readonly code: SolanaPageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** "1.5" → 1_500_000_000n; refuses more than 9 decimals, zero, negatives and junk. */
export function parseSol(amount: unknown): bigint {
  if (typeof amount !== 'string' || !/^\d{1,12}(\.\d{1,9})?$/.test(amount))
    throw new SolanaPageError(
      'INVALID_ARGUMENT',
      'Amount must be a positive number of SOL (up to 9 decimals).',
    );
  const [whole, frac = ''] = amount.split('.');
  const value = BigInt(whole!) * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
  if (value === 0n) throw new SolanaPageError('INVALID_ARGUMENT', 'Amount must be more than zero.');
  return value;
}

function clusterArg(v: unknown): SolanaCluster {
  if (!SOLANA_CLUSTERS.includes(v as SolanaCluster))
    throw new SolanaPageError('INVALID_ARGUMENT', 'Unknown Solana cluster.');
  return v as SolanaCluster;
}

const fail = (code: 'RPC_ERROR' | 'SIGNING_FAILED', message: string) => new SolanaPageError(code, message);

const rpcCall = <T>(sol: SolanaContext, url: string, method: string, params: unknown[]): Promise<T> =>
  solanaRpcCall<T>(sol, url, method, params, fail);

export function solanaPageHandlers(deps: { solana: SolanaContext; wallet: ProviderWallet }) {
  const { solana, wallet } = deps;
  const address = async (): Promise<Address> => {
    const a = wallet.solanaAddress ? await wallet.solanaAddress() : null;
    if (!a) throw new SolanaPageError('NO_WALLET', 'Create or unlock a wallet first.');
    return a as Address;
  };
  const handlers: {
    [T in keyof SolanaPageRequests]: (
      p: SolanaPageRequests[T]['request'],
    ) => Promise<SolanaPageRequests[T]['response']>;
  } = {
    'solana.clusters': async () => ({
      clusters: await solana.clusters.list(),
      selected: (await solana.clusters.selected()).cluster,
    }),
    'solana.selectCluster': async (p) => solana.clusters.select(clusterArg(p?.cluster)),
    'solana.setRpcUrl': async (p) => {
      try {
        return await solana.clusters.setRpcUrl(clusterArg(p?.cluster), String(p?.rpcUrl));
      } catch (e) {
        if (e instanceof SolanaClusterError) throw new SolanaPageError('INVALID_ARGUMENT', e.message);
        throw e;
      }
    },
    'solana.sites': async () => ({ sites: await solana.permissions.list() }),
    'solana.sites.revoke': async (p) => {
      if (typeof p?.origin !== 'string') throw new SolanaPageError('INVALID_ARGUMENT', 'origin');
      await solana.permissions.revoke(p.origin);
      return { sites: await solana.permissions.list() };
    },
    'solana.balance': async () => {
      const owner = await address();
      const cluster = await solana.clusters.selected();
      const r = await rpcCall<{ value?: unknown }>(solana, cluster.rpcUrl, 'getBalance', [
        owner,
        { commitment: 'confirmed' },
      ]);
      if (typeof r?.value !== 'number' || !Number.isSafeInteger(r.value) || r.value < 0)
        throw new SolanaPageError('RPC_ERROR', 'The Solana RPC gave no balance.');
      const value = BigInt(r.value);
      return {
        address: owner,
        cluster: cluster.cluster,
        lamports: value.toString(),
        sol: formatUnits(value, 9),
      };
    },
    'solana.send': async (p) => {
      const amount = parseSol(p?.amount);
      if (typeof p?.to !== 'string' || !isAddress(p.to))
        throw new SolanaPageError('INVALID_ARGUMENT', 'The recipient is not a Solana address.');
      if (!(await wallet.isUnlocked())) throw new SolanaPageError('LOCKED', 'Unlock the wallet first.');
      const from = await address();
      const sign = wallet.signEd25519;
      if (!sign) throw new SolanaPageError('NO_WALLET', 'This wallet cannot sign Solana transactions.');
      const cluster = await solana.clusters.selected();
      const latest = await rpcCall<{ value?: { blockhash?: unknown; lastValidBlockHeight?: unknown } }>(
        solana,
        cluster.rpcUrl,
        'getLatestBlockhash',
        [{ commitment: 'confirmed' }],
      );
      const blockhash = latest?.value?.blockhash;
      if (typeof blockhash !== 'string')
        throw new SolanaPageError('RPC_ERROR', 'The Solana RPC gave no blockhash.');
      const tx = solTransfer(
        from,
        p.to as Address,
        amount,
        blockhash as Blockhash,
        BigInt(Number(latest.value?.lastValidBlockHeight ?? 0)),
      );
      const signed = await signSolTransfer(tx, from, sign, fail);
      const signature = await rpcCall<unknown>(solana, cluster.rpcUrl, 'sendTransaction', [
        toBase64(signed.wire),
        { encoding: 'base64' },
      ]);
      if (typeof signature !== 'string')
        throw new SolanaPageError('RPC_ERROR', 'The Solana RPC gave no signature.');
      return { signature, cluster: cluster.cluster };
    },
    'solana.sweep.quote': (p) => quoteSolanaSweep({ solana, wallet }, p?.to),
    'solana.sweep': (p) => sweepSolana({ solana, wallet }, p?.to),
  };
  return handlers;
}
