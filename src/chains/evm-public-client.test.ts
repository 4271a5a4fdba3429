import * as viem from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPublicClient, custom, type EvmPublicClient, EvmRpcError, http } from './evm-public-client.ts';

const A = `0x${'11'.repeat(20)}` as const;
const B = `0x${'22'.repeat(20)}` as const;

type Node = Record<string, (params: unknown) => unknown>;
const BASE: Node = {
  eth_chainId: () => '0x7a69',
  eth_gasPrice: () => '0x4a817c800',
  eth_getBalance: () => '0xde0b6b3a7640000',
  eth_getTransactionCount: () => '0x7',
  eth_estimateGas: (p) => ((p as [{ data?: string }])[0].data ? '0x7530' : '0x5208'),
  eth_getBlockByNumber: () => ({ number: '0x10', baseFeePerGas: '0x3b9aca07', transactions: [] }),
  eth_maxPriorityFeePerGas: () => '0x5f5e100',
  eth_sendRawTransaction: () => `0x${'ab'.repeat(32)}`,
  eth_getCode: (p) => ((p as [string])[0] === A ? '0x' : '0x6080'),
};

/** An EIP-1193 fake that records each request. */
function fakeNode(overrides: Node = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const node = { ...BASE, ...overrides };
  return {
    calls,
    async request({ method, params }: { method: string; params?: unknown }) {
      calls.push({ method, params });
      const h = node[method];
      if (!h) throw new Error(`unexpected ${method}`);
      return h(params);
    },
  };
}

/** The same script of calls the wallet makes (send.ts and fill-transaction.ts). */
async function script(c: EvmPublicClient) {
  const out: unknown[] = [];
  const step = async (f: () => Promise<unknown>) => {
    try {
      out.push(await f());
    } catch {
      out.push('threw');
    }
  };
  await step(() => c.getChainId());
  await step(() => c.getGasPrice());
  await step(() => c.getBalance({ address: A }));
  await step(() => c.getTransactionCount({ address: A, blockTag: 'pending' }));
  await step(() => c.estimateGas({ account: A, to: B, value: 5n }));
  await step(() => c.estimateGas({ account: A, value: 0n, data: '0x6080' }));
  await step(() => c.estimateFeesPerGas());
  await step(() => c.estimateFeesPerGas({ type: 'eip1559', chain: null }));
  await step(() => c.sendRawTransaction({ serializedTransaction: '0x02f8' }));
  await step(() => c.getCode({ address: A }));
  await step(() => c.getCode({ address: B }));
  return out;
}

/** Runs the script against viem's public client and ours on identical nodes: same requests, same results. */
async function sameAsViem(overrides: Node = {}) {
  const theirs = fakeNode(overrides);
  const ours = fakeNode(overrides);
  const expected = await script(
    viem.createPublicClient({ transport: viem.custom(theirs, { retryCount: 0 }) }),
  );
  const actual = await script(createPublicClient({ transport: custom(ours, { retryCount: 0 }) }));
  expect(actual).toEqual(expected);
  expect(ours.calls).toEqual(theirs.calls);
  return actual;
}

describe('createPublicClient matches viem', () => {
  it('on an EIP-1559 node', async () => {
    const r = await sameAsViem();
    expect(r[6]).toEqual({
      maxFeePerGas: (0x3b9aca07n * 12n) / 10n + 100_000_000n,
      maxPriorityFeePerGas: 100_000_000n,
    });
  });

  it('without eth_maxPriorityFeePerGas (tip = gas price − base fee, floored at 0)', async () => {
    const noTip = {
      eth_maxPriorityFeePerGas: () => {
        throw new Error('method not found');
      },
    };
    const r = await sameAsViem(noTip);
    expect(r[6]).toMatchObject({ maxPriorityFeePerGas: 20_000_000_000n - 0x3b9aca07n });
    await sameAsViem({ ...noTip, eth_gasPrice: () => '0x1' });
    await sameAsViem({ eth_maxPriorityFeePerGas: () => 'nonsense' });
  });

  it('on a node without a base fee, and with no block', async () => {
    const r = await sameAsViem({ eth_getBlockByNumber: () => ({ number: '0x1' }) });
    expect(r[6]).toBe('threw');
    await sameAsViem({ eth_getBlockByNumber: () => null });
  });

  it('on unsafe or malformed numbers', async () => {
    const r = await sameAsViem({
      eth_chainId: () => '0x20000000000000',
      eth_getTransactionCount: () => '0xzz',
    });
    expect(r[0]).toBe('threw');
    expect(r[3]).toBe('threw');
  });

  it('a custom transport hands the node error through unchanged', async () => {
    const err = new Error('execution reverted');
    const c = createPublicClient({
      transport: custom(
        fakeNode({
          eth_estimateGas: () => {
            throw err;
          },
        }),
        { retryCount: 0 },
      ),
    });
    await expect(c.estimateGas({ account: A, to: B, value: 0n })).rejects.toBe(err);
  });
});

describe('http transport', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A fetch stub answering from a list of responses; returns the parsed request bodies. */
  function stubFetch(answers: (() => Response)[]) {
    const bodies: { method: string; params?: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const { method, params } = JSON.parse(init.body as string);
        bodies.push(params === undefined ? { method } : { method, params });
        const next = answers.shift();
        if (!next) throw new TypeError('no more answers');
        return next();
      }),
    );
    return bodies;
  }
  const ok = (result: unknown) => () => Response.json({ jsonrpc: '2.0', id: 0, result });
  const rpcErr =
    (code: number, message: string, status = 200) =>
    () =>
      Response.json({ jsonrpc: '2.0', id: 0, error: { code, message, data: '0x08' } }, { status });

  it('posts JSON-RPC and decodes the result', async () => {
    const bodies = stubFetch([ok('0x7a69'), ok('0x10')]);
    const c = createPublicClient({ transport: http('http://node.test', { retryCount: 1 }) });
    expect(await c.getChainId()).toBe(31337);
    expect(await c.getBalance({ address: A })).toBe(16n);
    expect(bodies).toEqual([{ method: 'eth_chainId' }, { method: 'eth_getBalance', params: [A, 'latest'] }]);
    const init = vi.mocked(fetch).mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
  });

  it('retries a 503, an internal error and a network failure once, then gives up', async () => {
    stubFetch([() => new Response('busy', { status: 503 }), ok('0x1')]);
    const c = createPublicClient({ transport: http('http://node.test', { retryCount: 1 }) });
    expect(await c.getGasPrice()).toBe(1n);
    stubFetch([rpcErr(-32603, 'internal'), ok('0x2')]);
    expect(await c.getGasPrice()).toBe(2n);
    stubFetch([]);
    await expect(c.getGasPrice()).rejects.toThrow(TypeError);
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2);
  });

  it('does not retry a node refusal, keeps its code, message and data', async () => {
    stubFetch([rpcErr(-32000, 'insufficient funds for gas * price + value'), ok('0x1')]);
    const c = createPublicClient({ transport: http('http://node.test', { retryCount: 1 }) });
    const e = await c.estimateGas({ account: A, to: B, value: 1n }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EvmRpcError);
    expect(e).toMatchObject({
      code: -32000,
      message: 'insufficient funds for gas * price + value',
      data: '0x08',
    });
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(1);
  });

  it('retries exactly when viem retries', async () => {
    const busy = (status: number) => () => new Response('busy', { status, headers: { 'Retry-After': '0' } });
    const cases: (() => Response)[][] = [
      [busy(503), ok('0x1')],
      [busy(429), ok('0x1')],
      [busy(404), ok('0x1')],
      [rpcErr(-32603, 'internal'), ok('0x1')],
      [rpcErr(-32005, 'limit'), ok('0x1')],
      [rpcErr(-32000, 'refused'), ok('0x1')],
      [rpcErr(-32601, 'no such method', 503), ok('0x1')],
      [rpcErr(-32000, 'overloaded', 502), ok('0x1')],
      [rpcErr(-32000, 'bad request', 400), ok('0x1')],
      [() => new Response('not json'), ok('0x1')],
    ];
    for (const answers of cases) {
      const outcome = async (c: EvmPublicClient) => {
        stubFetch([...answers]);
        const r = await c.getGasPrice().catch(() => 'threw');
        return [r, vi.mocked(fetch).mock.calls.length];
      };
      const viemClient = viem.createPublicClient({
        transport: viem.http('http://node.test', { retryCount: 1 }),
      });
      const ours = createPublicClient({ transport: http('http://node.test', { retryCount: 1 }) });
      expect(await outcome(ours)).toEqual(await outcome(viemClient));
    }
  });

  it('never retries a broadcast', async () => {
    stubFetch([() => new Response('busy', { status: 503 }), ok('0x1')]);
    const c = createPublicClient({ transport: http('http://node.test', { retryCount: 1 }) });
    await expect(c.sendRawTransaction({ serializedTransaction: '0x02' })).rejects.toMatchObject({
      status: 503,
    });
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(1);
  });

  it('times out a stalled request and retries it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_, reject) =>
            init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      ),
    );
    const c = createPublicClient({ transport: http('http://node.test', { retryCount: 1, timeout: 20 }) });
    await expect(c.getGasPrice()).rejects.toThrow('took too long');
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2); // retried once, as viem retries a timeout
  });
});
