/**
 * The seven chain reads and writes the wallet makes, shaped as viem's public client so callers keep viem's
 * names and types. viem's own createPublicClient decorates the client with every public action (ENS,
 * multicall, simulation, watchers, …); none of that tree-shakes, and it was ~250 kB of the background
 * service worker, which cannot lazy-load code. The requests sent, the fee arithmetic and the retry rules
 * follow viem 2.x (actions/public/*, utils/buildRequest.ts) for the arguments the wallet passes; other
 * arguments (block overrides, state overrides, local accounts, chain fee hooks) are not supported.
 */
import type { Address, Hex, PublicClient } from 'viem';

/** What the wallet calls on a chain (the subset of viem's PublicClient it uses). */
export type EvmPublicClient = Pick<
  PublicClient,
  | 'getChainId'
  | 'estimateGas'
  | 'estimateFeesPerGas'
  | 'getGasPrice'
  | 'getBalance'
  | 'getTransactionCount'
  | 'sendRawTransaction'
  | 'getCode'
>;

type Request = (method: string, params?: unknown[], opts?: { retryCount?: number }) => Promise<unknown>;
export interface EvmTransport {
  request: Request;
}

/** An RPC failure. The node's JSON-RPC error keeps its code, message and data; HTTP failures carry the status. */
export class EvmRpcError extends Error {
  constructor(
    message: string,
    readonly code?: number,
    readonly data?: unknown,
    readonly status?: number,
    readonly retryAfter?: string | null,
  ) {
    super(message);
    this.name = 'EvmRpcError';
  }
}

/** viem's shouldRetry for the errors this transport produces. */
function retriable(e: unknown): boolean {
  if (!(e instanceof EvmRpcError)) return true; // network failure or timeout
  if (e.code !== undefined) {
    if ([-1, -32005, -32603, 429, -32007].includes(e.code)) return true;
    if (e.code === -32601 || e.code === -32004 || e.status === undefined) return false;
  }
  if (e.status === undefined) return true; // timeout
  return [403, 408, 413, 429, 500, 502, 503, 504].includes(e.status);
}

/** viem's backoff: Retry-After when given, else 150 ms × 2^attempt. */
function retryDelay(e: unknown, count: number): number {
  const after = e instanceof EvmRpcError ? e.retryAfter : null;
  if (after) {
    const seconds = Number.parseInt(after, 10);
    if (!Number.isNaN(seconds)) return seconds * 1000;
    const ms = Date.parse(after) - Date.now();
    if (ms > 0) return ms;
  }
  return (1 << count) * 150;
}

async function withRetry<T>(fn: () => Promise<T>, retryCount: number): Promise<T> {
  for (let count = 0; ; count++) {
    try {
      return await fn();
    } catch (e) {
      if (count >= retryCount || !retriable(e)) throw e;
      await new Promise((r) => setTimeout(r, retryDelay(e, count)));
    }
  }
}

let nextId = 0;

/** JSON-RPC over fetch (POST), with viem's defaults: 3 retries, 10 s timeout per attempt. */
export function http(url: string, config: { retryCount?: number; timeout?: number } = {}): EvmTransport {
  const timeout = config.timeout ?? 10_000;
  const once = async (method: string, params: unknown[] | undefined) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, ...(params ? { params } : {}) });
    const abort = new AbortController();
    const timer = timeout > 0 ? setTimeout(() => abort.abort(), timeout) : undefined;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: abort.signal,
      });
      text = await res.text();
    } catch (e) {
      throw abort.signal.aborted ? new EvmRpcError('The request took too long to respond.') : e;
    } finally {
      clearTimeout(timer);
    }
    let data: { result?: unknown; error?: unknown };
    try {
      data = JSON.parse(text || '{}');
    } catch (e) {
      if (res.ok) throw e;
      data = { error: text };
    }
    const rpcError = (err: unknown, status?: number) => {
      const { code, message, data: errData } = err as { code: number; message?: unknown; data?: unknown };
      return new EvmRpcError(
        typeof message === 'string' ? message : 'RPC error.',
        code,
        errData,
        status,
        res.headers.get('Retry-After'),
      );
    };
    const isRpcError = (e: unknown) =>
      typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number';
    if (!res.ok) {
      if (isRpcError(data.error)) throw rpcError(data.error, res.status);
      throw new EvmRpcError(
        `HTTP request failed. Status: ${res.status}. ${JSON.stringify(data.error) || res.statusText}`,
        undefined,
        undefined,
        res.status,
        res.headers.get('Retry-After'),
      );
    }
    if (data.error) throw rpcError(data.error);
    return data.result;
  };
  return {
    request: (method, params, opts) =>
      withRetry(() => once(method, params), opts?.retryCount ?? config.retryCount ?? 3),
  };
}

/** An EIP-1193 request function (e.g. a JsonRpcClient); its errors pass through unchanged. */
export function custom(
  provider: { request(args: { method: string; params?: unknown }): Promise<unknown> },
  config: { retryCount?: number } = {},
): EvmTransport {
  return {
    request: (method, params, opts) =>
      withRetry(
        () => provider.request(params ? { method, params } : { method }),
        opts?.retryCount ?? config.retryCount ?? 3,
      ),
  };
}

const quantity = (v: bigint | number): Hex => `0x${v.toString(16)}`;

function toSafeNumber(hex: unknown): number {
  const n = Number(BigInt(hex as string));
  if (!Number.isSafeInteger(n)) throw new EvmRpcError(`Number "${hex}" is not a safe integer.`);
  return n;
}

type EstimateArgs = { account?: Address | { address: Address }; to?: Address; value?: bigint; data?: Hex };

/** A client with viem's method names and results over `transport`. */
export function createPublicClient({ transport }: { transport: EvmTransport }): EvmPublicClient {
  const rpc = transport.request;
  const getGasPrice = async () => BigInt((await rpc('eth_gasPrice')) as string);
  const latestBaseFee = async (): Promise<bigint | null> => {
    const block = (await rpc('eth_getBlockByNumber', ['latest', false])) as { baseFeePerGas?: string } | null;
    if (!block) throw new EvmRpcError('Block at "latest" could not be found.');
    return block.baseFeePerGas ? BigInt(block.baseFeePerGas) : null;
  };
  const notEip1559 = () => new EvmRpcError('Chain does not support EIP-1559 fees.');
  const client = {
    getChainId: async () => toSafeNumber(await rpc('eth_chainId')),
    getGasPrice,
    getBalance: async ({ address }: { address: Address }) =>
      BigInt((await rpc('eth_getBalance', [address, 'latest'])) as string),
    getTransactionCount: async ({ address, blockTag = 'latest' }: { address: Address; blockTag?: string }) =>
      toSafeNumber(await rpc('eth_getTransactionCount', [address, blockTag])),
    // viem answers undefined for an account without code ('0x').
    getCode: async ({ address }: { address: Address }) => {
      const code = (await rpc('eth_getCode', [address, 'latest'])) as Hex;
      return code === '0x' ? undefined : code;
    },
    sendRawTransaction: async ({ serializedTransaction }: { serializedTransaction: Hex }) =>
      (await rpc('eth_sendRawTransaction', [serializedTransaction], { retryCount: 0 })) as Hex,
    estimateGas: async ({ account, to, value, data }: EstimateArgs) => {
      // Field order and encoding as viem's formatTransactionRequest.
      const request: Record<string, unknown> = {};
      if (data !== undefined) request.data = data;
      if (account) request.from = typeof account === 'string' ? account : account.address;
      if (to !== undefined) request.to = to;
      if (value !== undefined) request.value = quantity(value);
      return BigInt((await rpc('eth_estimateGas', [request])) as string);
    },
    /** EIP-1559 only (viem's default type): base fee × 1.2 plus the node's priority fee. */
    estimateFeesPerGas: async () => {
      const baseFee = await latestBaseFee();
      if (baseFee === null) throw notEip1559();
      let maxPriorityFeePerGas: bigint;
      try {
        maxPriorityFeePerGas = BigInt((await rpc('eth_maxPriorityFeePerGas')) as string);
      } catch {
        // Nodes without eth_maxPriorityFeePerGas: gas price minus base fee, as viem does.
        const tip = (await getGasPrice()) - baseFee;
        maxPriorityFeePerGas = tip < 0n ? 0n : tip;
      }
      return { maxFeePerGas: (baseFee * 12n) / 10n + maxPriorityFeePerGas, maxPriorityFeePerGas };
    },
  };
  return client as unknown as EvmPublicClient;
}
