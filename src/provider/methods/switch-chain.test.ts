import { describe, expect, it } from 'vitest';
import { codeOf, TEST_ORIGIN, testProvider } from '../test-support.ts';

describe('wallet_switchEthereumChain', () => {
  it('a connected origin switches directly; every page is told chainChanged', async () => {
    const t = testProvider();
    await t.connect();
    expect(await t.call('wallet_switchEthereumChain', [{ chainId: '0x2105' }])).toBeNull();
    expect((await t.ctx.chains.selected()).chainId).toBe(8453);
    expect(t.approvals.seen).toHaveLength(0);
    expect(t.events.sent).toEqual([{ origin: '*', event: 'chainChanged', data: '0x2105' }]);
  });

  it('an unconnected origin needs the user to approve the switch', async () => {
    const t = testProvider();
    await t.call('wallet_switchEthereumChain', [{ chainId: '0x1' }]);
    expect(t.approvals.seen[0]).toMatchObject({
      origin: TEST_ORIGIN,
      content: { kind: 'switchChain', from: { chainId: 31337 }, to: { chainId: 1, name: 'Ethereum' } },
      warnings: [{ code: 'first-time-origin' }],
    });
    expect((await t.ctx.chains.selected()).chainId).toBe(1);
  });

  it('a rejected switch is 4001 and changes nothing', async () => {
    const t = testProvider();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('wallet_switchEthereumChain', [{ chainId: '0x1' }]))).toBe(4001);
    expect((await t.ctx.chains.selected()).chainId).toBe(31337);
    expect(t.events.sent).toHaveLength(0);
  });

  it('switching to the active chain is a no-op (no prompt, no event)', async () => {
    const t = testProvider();
    expect(await t.call('wallet_switchEthereumChain', [{ chainId: '0x7a69' }])).toBeNull();
    expect(t.approvals.seen).toHaveLength(0);
    expect(t.events.sent).toHaveLength(0);
  });

  it('an unknown chain is 4902', async () => {
    const t = testProvider();
    expect(await codeOf(t.call('wallet_switchEthereumChain', [{ chainId: '0x539' }]))).toBe(4902);
  });

  it.each([[[]], [['0x1']], [[{ chainId: 1 }]], [[{ chainId: '0x01' }]], [[{}]]])(
    'refuses %j with -32602',
    async (p) => {
      expect(await codeOf(testProvider().call('wallet_switchEthereumChain', p))).toBe(-32602);
    },
  );
});
