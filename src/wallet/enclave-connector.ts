/**
 * Builds the enclave client for a wallet's pinned identity and the current URL. Clients are kept per
 * (url, identity) for the worker's lifetime (the client's ECDSA precomputation is reused), and the hash of
 * the enclave's Pedersen parameters, verified once per enclave identity (SPEC §5.1), is pinned in `pins` so
 * a restarted worker does not verify the g = h^α proof again.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { EnclaveClient } from '../enclave/enclave-client.ts';
import type { WebSocketFactory } from '../enclave/enclave-hello.ts';
import type { EnclaveConnector } from './wallet-core.ts';

/** Where pinned parameter hashes live (non-secret; the vault's settings store in the extension). */
export interface PedersenPins {
  get(identityKey: string): Promise<string | undefined>;
  set(identityKey: string, hashHex: string): Promise<void>;
}

export function enclaveConnector(
  opts: { webSocket?: WebSocketFactory; timeoutMs?: number; pins?: PedersenPins } = {},
): EnclaveConnector {
  const clients = new Map<string, EnclaveClient>();
  return async (target) => {
    const key = `${target.url}\n${target.identityKey}`;
    const existing = clients.get(key);
    if (existing) return existing;
    const pinned = await opts.pins?.get(target.identityKey).catch(() => undefined);
    const client = new EnclaveClient({
      url: target.url,
      identityKey: target.identityKey,
      ...(opts.webSocket ? { webSocket: opts.webSocket } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      ...(pinned && /^[0-9a-f]{64}$/.test(pinned) ? { pedersenHash: hexToBytes(pinned) } : {}),
    });
    if (opts.pins && !pinned) {
      // Pin after the first co-signature verified the parameters.
      const sign = client.signEcdsa.bind(client);
      client.signEcdsa = async (...args) => {
        const res = await sign(...args);
        const h = client.pedersenHash;
        if (h) await opts.pins?.set(target.identityKey, bytesToHex(h)).catch(() => undefined);
        client.signEcdsa = sign;
        return res;
      };
    }
    clients.set(key, client);
    return client;
  };
}

/** Pins kept in the vault's settings store. */
export function settingsPins(settings: {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}): PedersenPins {
  const k = (id: string) => `wallet.pedersenPin.${id}`;
  return {
    get: (id) => settings.get<string>(k(id)),
    set: (id, h) => settings.set(k(id), h),
  };
}
