/**
 * Test doubles for provider unit tests (imported only by *.test.ts). The wallet here is a plain local
 * secp256k1 key — acceptable in unit tests only; the real wallet co-signs with the enclave.
 */
import type { Hex, TransactionSerializable } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainRegistry, memoryChainSettingsStore } from '../chains/chain-registry.ts';
import { memoryPermissionsStorage, PermissionStore } from '../permissions/permission-store.ts';
import type { ApprovalRequest, ApprovalRequester } from './approvals/approval-types.ts';
import type { JsonRpcClient } from './json-rpc-client.ts';
import type { ProviderContext, ProviderEvents, ProviderRequest } from './provider-context.ts';
import { ProviderRpcError, providerErrors } from './provider-errors.ts';
import type { ProviderWallet } from './provider-wallet.ts';
import type { ProviderEventName } from './relay-wire.ts';
import { routeProviderRequest } from './rpc-router.ts';

export const TEST_KEY: Hex = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
export const TEST_ORIGIN = 'https://dapp.example';

export class LocalKeyWallet implements ProviderWallet {
  readonly account = privateKeyToAccount(TEST_KEY);
  unlocked = true;
  /** What requestUnlock does: unlock, stay locked (user gave up), or throw. */
  unlockBehaviour: 'unlock' | 'stay-locked' = 'unlock';
  unlockRequests = 0;
  signed: string[] = [];
  onStateChange?: (listener: () => void) => void;

  async isUnlocked() {
    return this.unlocked;
  }
  async evmAddress() {
    return this.account.address;
  }
  async signPersonalMessage(message: Uint8Array) {
    this.signed.push('personal');
    return this.account.signMessage({ message: { raw: message } });
  }
  async signTypedDataV4(json: string) {
    this.signed.push('typed');
    return this.account.signTypedData(JSON.parse(json));
  }
  async signTransaction(tx: TransactionSerializable) {
    this.signed.push('tx');
    return this.account.signTransaction(tx);
  }
  async requestUnlock() {
    this.unlockRequests++;
    if (this.unlockBehaviour === 'unlock') this.unlocked = true;
  }
}

export class FakeApprovals implements ApprovalRequester {
  readonly seen: ApprovalRequest[] = [];
  decision: 'approve' | 'reject' = 'approve';
  async approve(r: ApprovalRequest) {
    this.seen.push(r);
    if (this.decision === 'reject') throw providerErrors.userRejected();
  }
}

export class FakeEvents implements ProviderEvents {
  readonly sent: { origin: string | '*'; event: ProviderEventName; data: unknown }[] = [];
  emit(origin: string, event: ProviderEventName, data: unknown) {
    this.sent.push({ origin, event, data });
  }
  broadcast(event: ProviderEventName, data: unknown) {
    this.sent.push({ origin: '*', event, data });
  }
}

export type RpcHandler = (method: string, params: unknown[]) => unknown;

/** A fake chain node per RPC URL: answers from `handler`, records every call. */
export class FakeRpcNetwork {
  readonly calls: { url: string; method: string; params: unknown[] }[] = [];
  readonly handlers = new Map<string, RpcHandler>();
  client(url: string): JsonRpcClient {
    return {
      request: async ({ method, params }) => {
        const p = (params ?? []) as unknown[];
        this.calls.push({ url, method, params: p });
        const h = this.handlers.get(url);
        if (!h) throw new ProviderRpcError(4901, 'The chain RPC is not reachable.');
        return h(method, p);
      },
    };
  }
}

export interface TestProvider {
  ctx: ProviderContext;
  wallet: LocalKeyWallet;
  approvals: FakeApprovals;
  events: FakeEvents;
  rpc: FakeRpcNetwork;
  call(method: string, params?: unknown, origin?: string): Promise<unknown>;
  connect(origin?: string): Promise<void>;
}

export function testProvider(): TestProvider {
  const wallet = new LocalKeyWallet();
  const approvals = new FakeApprovals();
  const events = new FakeEvents();
  const rpc = new FakeRpcNetwork();
  const ctx: ProviderContext = {
    chains: new ChainRegistry(memoryChainSettingsStore()),
    permissions: new PermissionStore(memoryPermissionsStorage()),
    wallet,
    approvals,
    events,
    rpcFor: (url) => rpc.client(url),
  };
  const call = (method: string, params?: unknown, origin = TEST_ORIGIN) => {
    const req: ProviderRequest = { origin, method, ...(params === undefined ? {} : { params }) };
    return routeProviderRequest(req, ctx);
  };
  return {
    ctx,
    wallet,
    approvals,
    events,
    rpc,
    call,
    connect: async (origin = TEST_ORIGIN) => {
      await ctx.permissions.grant(origin, [wallet.account.address]);
    },
  };
}

/** Await a rejection and return its EIP-1193 code. */
export async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    return (e as ProviderRpcError).code;
  }
  throw new Error('expected a rejection');
}
