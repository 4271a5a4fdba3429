import { describe, expect, it } from 'vitest';
import { ProviderRpcError } from '../provider-errors.ts';
import { codeOf, testProvider } from '../test-support.ts';
import { READ_METHODS } from './read-methods.ts';

const RPC = 'http://127.0.0.1:8545';

describe('read methods', () => {
  it('are proxied to the selected chain RPC for a connected origin, params unchanged', async () => {
    const t = testProvider();
    await t.connect();
    t.rpc.handlers.set(RPC, (method, params) => ({ method, params }));
    const addr = t.wallet.account.address;
    expect(await t.call('eth_getBalance', [addr, 'latest'])).toEqual({
      method: 'eth_getBalance',
      params: [addr, 'latest'],
    });
    expect(await t.call('eth_blockNumber')).toEqual({ method: 'eth_blockNumber', params: [] });
    await t.ctx.chains.select(1);
    t.rpc.handlers.set('https://ethereum-rpc.publicnode.com', () => '0x1');
    expect(await t.call('eth_gasPrice')).toBe('0x1');
    expect(t.rpc.calls.at(-1)?.url).toBe('https://ethereum-rpc.publicnode.com');
  });

  it('every listed read method answers 4100 to an unconnected origin without touching the RPC', async () => {
    const t = testProvider();
    t.rpc.handlers.set(RPC, () => '0x1');
    for (const m of READ_METHODS) expect(await codeOf(t.call(m, []))).toBe(4100);
    expect(t.rpc.calls).toHaveLength(0);
  });

  it('passes node errors through (code, message, data)', async () => {
    const t = testProvider();
    await t.connect();
    t.rpc.handlers.set(RPC, () => {
      throw new ProviderRpcError(3, 'execution reverted', '0x08c379a0');
    });
    await expect(t.call('eth_call', [{ to: t.wallet.account.address }, 'latest'])).rejects.toMatchObject({
      code: 3,
      message: 'execution reverted',
      data: '0x08c379a0',
    });
    // A failure that is not a node error is masked as -32603.
    t.rpc.handlers.set(RPC, () => {
      throw new Error('internal detail');
    });
    expect(await codeOf(t.call('eth_call', [{ to: t.wallet.account.address }, 'latest']))).toBe(-32603);
  });

  it('refuses non-array params with -32602', async () => {
    const t = testProvider();
    await t.connect();
    expect(await codeOf(t.call('eth_getBalance', { address: '0x0' }))).toBe(-32602);
  });
});
