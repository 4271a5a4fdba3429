import type { SolanaSettings, SolanaSettingsStore } from '../../chains/solana/solana-clusters.ts';
import { localValue } from '../browser-stores.ts';
import type { SolanaGrant, SolanaGrantsStorage } from './solana-permissions.ts';

/** Plain, non-secret Solana settings and grants in storage.local. */
export const localSolanaSettings = (): SolanaSettingsStore =>
  localValue<SolanaSettings>('twofold.solana.settings', {});
export const localSolanaGrants = (): SolanaGrantsStorage =>
  localValue<Record<string, SolanaGrant>>('twofold.solana.permissions', {});
