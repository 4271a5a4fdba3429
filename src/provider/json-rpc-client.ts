import { ProviderRpcError, providerErrors } from './provider-errors.ts';

/** An EIP-1193-shaped request function on one chain's RPC node. */
export interface JsonRpcClient {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

let nextId = 1;

/**
 * Plain JSON-RPC over fetch. The node's error (code, message, data — e.g. a revert reason) is passed to the
 * page unchanged, as any wallet does; transport failures become 4901 (chain disconnected).
 */
export function httpJsonRpc(url: string, fetchFn: typeof fetch = fetch): JsonRpcClient {
  return {
    async request({ method, params }) {
      let res: Response;
      try {
        res = await fetchFn(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
        });
      } catch {
        throw new ProviderRpcError(4901, 'The chain RPC is not reachable.');
      }
      let body: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
      try {
        body = await res.json();
      } catch {
        throw new ProviderRpcError(4901, `The chain RPC answered HTTP ${res.status} without JSON.`);
      }
      if (body.error) {
        const code = typeof body.error.code === 'number' ? body.error.code : -32603;
        const message = typeof body.error.message === 'string' ? body.error.message : 'RPC error.';
        throw new ProviderRpcError(code, message, body.error.data);
      }
      if (!('result' in body)) throw providerErrors.internal('The chain RPC answered without a result.');
      return body.result;
    },
  };
}
