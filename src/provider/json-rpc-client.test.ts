import { describe, expect, it } from 'vitest';
import { httpJsonRpc } from './json-rpc-client.ts';

const answering = (body: unknown, status = 200) =>
  (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;

describe('JSON-RPC over fetch', () => {
  it('returns the result and posts a JSON-RPC 2.0 body', async () => {
    let sent: unknown;
    const f = (async (_u: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0x10' }));
    }) as unknown as typeof fetch;
    expect(await httpJsonRpc('http://x', f).request({ method: 'eth_blockNumber' })).toBe('0x10');
    expect(sent).toMatchObject({ jsonrpc: '2.0', method: 'eth_blockNumber', params: [] });
  });
  it("passes the node's error through", async () => {
    const c = httpJsonRpc(
      'http://x',
      answering({ error: { code: 3, message: 'execution reverted', data: '0x01' } }),
    );
    await expect(c.request({ method: 'eth_call' })).rejects.toMatchObject({
      code: 3,
      message: 'execution reverted',
      data: '0x01',
    });
  });
  it('maps transport failures to 4901', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(httpJsonRpc('http://x', down).request({ method: 'm' })).rejects.toMatchObject({
      code: 4901,
    });
    await expect(
      httpJsonRpc('http://x', answering('<html>', 502)).request({ method: 'm' }),
    ).rejects.toMatchObject({
      code: 4901,
    });
  });
});
