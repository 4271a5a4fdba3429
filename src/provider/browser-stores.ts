import { browser } from 'wxt/browser';
import type { ChainSettings, ChainSettingsStore } from '../chains/chain-registry.ts';
import type { OriginGrant, PermissionsStorage } from '../permissions/permission-store.ts';

/** Plain, non-secret settings in storage.local (survives restarts; never holds keys or shares). */
export function localValue<T>(key: string, fallback: T) {
  return {
    load: async (): Promise<T> => {
      const v = (await browser.storage.local.get(key))[key];
      return v === undefined ? fallback : (v as T);
    },
    save: (value: T) => browser.storage.local.set({ [key]: value }),
  };
}

export const localChainSettings = (): ChainSettingsStore => localValue<ChainSettings>('twofold.chains', {});
export const localPermissions = (): PermissionsStorage =>
  localValue<Record<string, OriginGrant>>('twofold.permissions', {});
