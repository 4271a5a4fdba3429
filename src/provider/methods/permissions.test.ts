import { describe, expect, it } from 'vitest';
import { codeOf, TEST_ORIGIN, testProvider } from '../test-support.ts';

describe('EIP-2255 wallet_*Permissions', () => {
  it('wallet_getPermissions is [] for an unconnected origin and the eth_accounts grant otherwise', async () => {
    const t = testProvider();
    expect(await t.call('wallet_getPermissions')).toEqual([]);
    await t.connect();
    const [perm] = (await t.call('wallet_getPermissions')) as Record<string, unknown>[];
    expect(perm).toMatchObject({
      invoker: TEST_ORIGIN,
      parentCapability: 'eth_accounts',
      caveats: [{ type: 'restrictReturnedAccounts', value: [t.wallet.account.address.toLowerCase()] }],
    });
    expect(await t.call('wallet_getPermissions', [], 'https://other.example')).toEqual([]);
  });

  it('wallet_requestPermissions always asks, then grants', async () => {
    const t = testProvider();
    const perms = (await t.call('wallet_requestPermissions', [{ eth_accounts: {} }])) as unknown[];
    expect(perms).toHaveLength(1);
    expect(t.approvals.seen[0]?.content.kind).toBe('connect');
    await t.call('wallet_requestPermissions', [{ eth_accounts: {} }]);
    expect(t.approvals.seen).toHaveLength(2);
  });

  it('wallet_requestPermissions rejected → 4001 and nothing granted', async () => {
    const t = testProvider();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('wallet_requestPermissions', [{ eth_accounts: {} }]))).toBe(4001);
    expect(await t.call('wallet_getPermissions')).toEqual([]);
  });

  it.each([[[]], [[{}]], [[{ eth_sign: {} }]], [[{ eth_accounts: 1 }]], ['x'], [[null]]])(
    'refuses bad permission requests %j with -32602',
    async (params) => {
      const t = testProvider();
      expect(await codeOf(t.call('wallet_requestPermissions', params))).toBe(-32602);
      expect(await codeOf(t.call('wallet_revokePermissions', params))).toBe(-32602);
      expect(t.approvals.seen).toHaveLength(0);
    },
  );

  it('wallet_revokePermissions removes the grant and emits accountsChanged []', async () => {
    const t = testProvider();
    await t.connect();
    expect(await t.call('wallet_revokePermissions', [{ eth_accounts: {} }])).toBeNull();
    expect(await t.call('eth_accounts')).toEqual([]);
    expect(t.events.sent).toEqual([{ origin: TEST_ORIGIN, event: 'accountsChanged', data: [] }]);
    // Revoking again (or unconnected) is a no-op without an event.
    await t.call('wallet_revokePermissions', [{ eth_accounts: {} }]);
    expect(t.events.sent).toHaveLength(1);
  });
});
