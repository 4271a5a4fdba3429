import { describe, expect, it } from 'vitest';
import { memoryChainSettingsStore } from '../chains/chain-registry.ts';
import { memoryPermissionsStorage } from '../permissions/permission-store.ts';
import type { ApprovalWindows } from './approvals/approval-queue.ts';
import { providerPageHandlers } from './provider-page-api.ts';
import { createProviderService } from './provider-service.ts';
import { LocalKeyWallet } from './test-support.ts';

const noWindows: ApprovalWindows = {
  open: async () => 'window:1',
  focus: async () => {},
  onRemoved: () => {},
};

function setup() {
  const wallet = new LocalKeyWallet();
  let notify: () => void = () => {};
  wallet.onStateChange = (l) => {
    notify = l;
  };
  const service = createProviderService({
    wallet,
    chainSettings: memoryChainSettingsStore(),
    permissionsStorage: memoryPermissionsStorage(),
    windows: noWindows,
  });
  const got: { origin: string; frame: unknown }[] = [];
  for (const origin of ['https://a.example', 'https://b.example'])
    service.connections.add(origin, { postMessage: (frame) => got.push({ origin, frame }) });
  return { wallet, service, api: providerPageHandlers(service), got, notify: () => notify() };
}

const events = (got: { origin: string; frame: unknown }[]) =>
  got.map((g) => ({ origin: g.origin, ...(g.frame as { event: string; data: unknown }) }));

describe('provider page API (popup and approval window)', () => {
  it('lists connected sites and revokes one, telling its pages accountsChanged []', async () => {
    const { service, api, got, wallet } = setup();
    await service.ctx.permissions.grant('https://a.example', [wallet.account.address]);
    const { sites } = await api['sites.list']({});
    expect(sites).toEqual([
      expect.objectContaining({
        origin: 'https://a.example',
        accounts: [wallet.account.address.toLowerCase()],
      }),
    ]);
    expect((await api['sites.revoke']({ origin: 'https://a.example' })).sites).toEqual([]);
    expect(events(got)).toEqual([
      expect.objectContaining({ origin: 'https://a.example', event: 'accountsChanged', data: [] }),
    ]);
  });

  it('lists chains and selects one, broadcasting chainChanged to every page', async () => {
    const { api, got } = setup();
    const list = await api['chains.list']({});
    expect(list.selectedChainId).toBe(31337);
    expect(list.chains.map((c) => c.chainId)).toEqual([31337, 1, 11155111, 8453]);
    expect(await api['chains.select']({ chainId: 1 })).toEqual({ selectedChainId: 1 });
    expect(events(got).map((e) => [e.origin, e.event, e.data])).toEqual([
      ['https://a.example', 'chainChanged', '0x1'],
      ['https://b.example', 'chainChanged', '0x1'],
    ]);
    await expect(api['chains.select']({ chainId: 424242 })).rejects.toMatchObject({ code: 'UNKNOWN_CHAIN' });
  });

  it('refuses malformed input with INVALID_ARGUMENT', async () => {
    const { api } = setup();
    await expect(api['sites.revoke']({ origin: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api['chains.select']({ chainId: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api['approval.decide']({ id: 'nope', approved: true })).rejects.toMatchObject({
      code: 'UNKNOWN_APPROVAL',
    });
  });

  it('approval.current / approval.decide drive the queue the router waits on', async () => {
    const { service, api } = setup();
    expect(await api['approval.current']({})).toBeNull();
    const pending = service.ctx.approvals.approve({
      origin: 'https://a.example',
      chain: { chainId: 31337, name: 'Anvil Local', symbol: 'ETH' },
      content: {
        kind: 'switchChain',
        from: { chainId: 31337, name: 'A', symbol: 'ETH' },
        to: { chainId: 1, name: 'E', symbol: 'ETH' },
      },
      warnings: [],
    });
    const view = await api['approval.current']({});
    expect(view).toMatchObject({ origin: 'https://a.example', queued: 1 });
    expect(await api['approval.decide']({ id: view!.id, approved: true })).toBeNull();
    await expect(pending).resolves.toBeUndefined();
  });

  it('a wallet lock/unlock tells connected origins their accounts', async () => {
    const { service, got, wallet, notify } = setup();
    await service.ctx.permissions.grant('https://a.example', [wallet.account.address]);
    wallet.unlocked = false;
    notify();
    await new Promise((r) => setTimeout(r, 0));
    wallet.unlocked = true;
    await service.refreshAccounts();
    expect(events(got).map((e) => [e.origin, e.event, e.data])).toEqual([
      ['https://a.example', 'accountsChanged', []],
      ['https://a.example', 'accountsChanged', [wallet.account.address.toLowerCase()]],
    ]);
  });
});
