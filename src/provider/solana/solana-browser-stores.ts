import { browser } from 'wxt/browser';
import type { SolanaSettings, SolanaSettingsStore } from '../../chains/solana/solana-clusters.ts';
import type { SolanaGrant, SolanaGrantsStorage } from './solana-permissions.ts';

/** Plain, non-secret Solana settings and grants in storage.local. */
function localValue<T>(key: string, fallback: T) {
  return {
    load: async (): Promise<T> => {
      const v = (await browser.storage.local.get(key))[key];
      return v === undefined ? fallback : (v as T);
    },
    save: (value: T) => browser.storage.local.set({ [key]: value }),
  };
}

export const localSolanaSettings = (): SolanaSettingsStore =>
  localValue<SolanaSettings>('twofold.solana.settings', {});
export const localSolanaGrants = (): SolanaGrantsStorage =>
  localValue<Record<string, SolanaGrant>>('twofold.solana.permissions', {});
