import { describe, expect, it } from 'vitest';
import { codeOf, TEST_ORIGIN, testProvider } from '../test-support.ts';

describe('eth_accounts', () => {
  it('is empty for an unconnected origin and never prompts', async () => {
    const t = testProvider();
    expect(await t.call('eth_accounts')).toEqual([]);
    expect(t.approvals.seen).toHaveLength(0);
  });
  it('returns the granted account while unlocked, [] while locked', async () => {
    const t = testProvider();
    await t.connect();
    const addr = t.wallet.account.address.toLowerCase();
    expect(await t.call('eth_accounts')).toEqual([addr]);
    t.wallet.unlocked = false;
    expect(await t.call('eth_accounts')).toEqual([]);
    expect(await t.call('eth_accounts', [], 'https://evil.example')).toEqual([]);
  });
  it('refuses params with -32602', async () => {
    expect(await codeOf(testProvider().call('eth_accounts', ['x']))).toBe(-32602);
    expect(await codeOf(testProvider().call('eth_accounts', 'x'))).toBe(-32602);
  });
});

describe('eth_requestAccounts', () => {
  it('asks the user, grants eth_accounts and emits accountsChanged to that origin', async () => {
    const t = testProvider();
    const addr = t.wallet.account.address.toLowerCase();
    expect(await t.call('eth_requestAccounts')).toEqual([addr]);
    expect(t.approvals.seen[0]).toMatchObject({
      origin: TEST_ORIGIN,
      chain: { chainId: 31337 },
      content: { kind: 'connect' },
      warnings: [{ code: 'first-time-origin' }],
    });
    expect(await t.ctx.permissions.isConnected(TEST_ORIGIN)).toBe(true);
    expect(t.events.sent).toEqual([{ origin: TEST_ORIGIN, event: 'accountsChanged', data: [addr] }]);
    // Connected: no second prompt.
    expect(await t.call('eth_requestAccounts')).toEqual([addr]);
    expect(t.approvals.seen).toHaveLength(1);
  });
  it('a rejection is 4001 and grants nothing', async () => {
    const t = testProvider();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('eth_requestAccounts'))).toBe(4001);
    expect(await t.ctx.permissions.isConnected(TEST_ORIGIN)).toBe(false);
    expect(t.events.sent).toHaveLength(0);
  });
  it('unlocks first when locked, then asks', async () => {
    const t = testProvider();
    t.wallet.unlocked = false;
    await t.call('eth_requestAccounts');
    expect(t.wallet.unlockRequests).toBe(1);
    expect(t.approvals.seen).toHaveLength(1);
  });
  it('a user who does not unlock gets 4001 and no approval is shown', async () => {
    const t = testProvider();
    t.wallet.unlocked = false;
    t.wallet.unlockBehaviour = 'stay-locked';
    expect(await codeOf(t.call('eth_requestAccounts'))).toBe(4001);
    expect(t.approvals.seen).toHaveLength(0);
  });
  it('a connected origin that is locked is asked to unlock, not to connect again', async () => {
    const t = testProvider();
    await t.connect();
    t.wallet.unlocked = false;
    expect(await t.call('eth_requestAccounts')).toEqual([t.wallet.account.address.toLowerCase()]);
    expect(t.wallet.unlockRequests).toBe(1);
    expect(t.approvals.seen).toHaveLength(0);
  });
  it('concurrent requests from one origin share one prompt; other origins get their own', async () => {
    const t = testProvider();
    const [a, b, c] = await Promise.all([
      t.call('eth_requestAccounts'),
      t.call('eth_requestAccounts'),
      t.call('eth_requestAccounts', [], 'https://other.example'),
    ]);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(t.approvals.seen.map((s) => s.origin)).toEqual([TEST_ORIGIN, 'https://other.example']);
  });
  it('refuses params with -32602', async () => {
    expect(await codeOf(testProvider().call('eth_requestAccounts', [1]))).toBe(-32602);
  });
});
