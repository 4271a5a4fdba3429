import { describe, expect, it } from 'vitest';
import { codeOf, testProvider } from '../test-support.ts';

const OP_RPC = 'https://mainnet.optimism.io/';
const op = (over: Record<string, unknown> = {}) => ({
  chainId: '0xa',
  chainName: 'OP Mainnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: [OP_RPC],
  ...over,
});

describe('wallet_addEthereumChain', () => {
  it("checks the RPC's eth_chainId, asks the user, stores, selects and broadcasts chainChanged", async () => {
    const t = testProvider();
    t.rpc.handlers.set(OP_RPC, (m) => (m === 'eth_chainId' ? '0xa' : null));
    expect(await t.call('wallet_addEthereumChain', [op()])).toBeNull();
    expect(t.rpc.calls).toEqual([{ url: OP_RPC, method: 'eth_chainId', params: [] }]);
    expect(t.approvals.seen[0]?.content).toMatchObject({
      kind: 'addChain',
      chain: { chainId: 10, rpcUrl: OP_RPC },
    });
    expect((await t.ctx.chains.selected()).chainId).toBe(10);
    expect(t.events.sent).toEqual([{ origin: '*', event: 'chainChanged', data: '0xa' }]);
    // Now known: switching to it works (no 4902).
    await t.ctx.chains.select(31337);
    await t.connect();
    expect(await t.call('wallet_switchEthereumChain', [{ chainId: '0xa' }])).toBeNull();
  });

  it('refuses an RPC that reports another chain id (-32602), and stores nothing', async () => {
    const t = testProvider();
    t.rpc.handlers.set(OP_RPC, () => '0x1');
    expect(await codeOf(t.call('wallet_addEthereumChain', [op()]))).toBe(-32602);
    expect(await t.ctx.chains.get(10)).toBeUndefined();
    expect(t.approvals.seen).toHaveLength(0);
  });

  it('uses the next candidate URL when the first is unreachable; none reachable → -32603', async () => {
    const t = testProvider();
    const second = 'https://backup.example/';
    t.rpc.handlers.set(second, () => '0xa');
    await t.call('wallet_addEthereumChain', [op({ rpcUrls: ['https://down.example', second] })]);
    expect((await t.ctx.chains.get(10))?.rpcUrl).toBe(second);
    const t2 = testProvider();
    expect(await codeOf(t2.call('wallet_addEthereumChain', [op()]))).toBe(-32603);
  });

  it('refuses plain http for a non-loopback RPC without contacting it', async () => {
    const t = testProvider();
    expect(await codeOf(t.call('wallet_addEthereumChain', [op({ rpcUrls: ['http://rpc.example'] })]))).toBe(
      -32602,
    );
    expect(t.rpc.calls).toHaveLength(0);
  });

  it('accepts loopback http (a local dev chain)', async () => {
    const t = testProvider();
    t.rpc.handlers.set('http://127.0.0.1:9999/', () => '0x539');
    await t.call('wallet_addEthereumChain', [op({ chainId: '0x539', rpcUrls: ['http://127.0.0.1:9999'] })]);
    expect((await t.ctx.chains.get(1337))?.local).toBe(true);
  });

  it('a rejection is 4001 and adds nothing', async () => {
    const t = testProvider();
    t.rpc.handlers.set(OP_RPC, () => '0xa');
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('wallet_addEthereumChain', [op()]))).toBe(4001);
    expect(await t.ctx.chains.get(10)).toBeUndefined();
  });

  it('a known chain is switched to instead (built-in: no RPC probe)', async () => {
    const t = testProvider();
    await t.connect();
    await t.call('wallet_addEthereumChain', [
      op({ chainId: '0x2105', rpcUrls: ['https://mainnet.base.org'] }),
    ]);
    expect((await t.ctx.chains.selected()).chainId).toBe(8453);
    expect(t.rpc.calls).toHaveLength(0);
  });

  it.each([[[]], [[{}]], [[op({ chainId: '10' })]], [[op({ rpcUrls: [] })]]])(
    'refuses %j with -32602',
    async (p) => {
      expect(await codeOf(testProvider().call('wallet_addEthereumChain', p))).toBe(-32602);
    },
  );
});
