/**
 * Builds the enclave client for a wallet's pinned identity and the current URL. Clients are kept per
 * (url, identity) for the worker's lifetime so the enclave's Pedersen parameters are verified once, not on
 * every co-signature, and the client's ECDSA precomputation is reused.
 */
import { EnclaveClient } from '../enclave/enclave-client.ts';
import type { WebSocketFactory } from '../enclave/enclave-hello.ts';
import type { EnclaveConnector } from './wallet-core.ts';

export function enclaveConnector(
  opts: { webSocket?: WebSocketFactory; timeoutMs?: number } = {},
): EnclaveConnector {
  const clients = new Map<string, EnclaveClient>();
  return (target) => {
    const key = `${target.url}\n${target.identityKey}`;
    let c = clients.get(key);
    if (!c) {
      c = new EnclaveClient({
        url: target.url,
        identityKey: target.identityKey,
        ...(opts.webSocket ? { webSocket: opts.webSocket } : {}),
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      });
      clients.set(key, c);
    }
    return c;
  };
}
