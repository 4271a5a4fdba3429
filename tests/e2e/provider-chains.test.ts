import type { Page, Target } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnvilChain, rpc, startAnvil } from '../harness/anvil.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import { type StaticServer, serveStatic } from '../harness/static-server.ts';
import { FORGING_CHILD_HTML, framingPage, PROBE_DAPP_HTML } from './dapps/probe-dapp.ts';

type ReqResult = { result?: unknown; error?: { code: number; message: string } };
type Frame = { kind: string; id?: string; event?: string; error?: { code: number } };

const req = (page: Page, method: string, params?: unknown) =>
  page.evaluate(
    (m, p) => (window as unknown as { __req(m: string, p?: unknown): Promise<ReqResult> }).__req(m, p),
    method,
    params as never,
  );
/** Start a request without awaiting it (it waits for the approval window). */
const startReq = (page: Page, method: string, params?: unknown) =>
  page.evaluate(
    (m, p) => {
      const w = window as unknown as {
        __req(m: string, p?: unknown): Promise<ReqResult>;
        __pending?: Promise<ReqResult>;
      };
      w.__pending = w.__req(m, p);
    },
    method,
    params as never,
  );
const pending = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pending: Promise<ReqResult> }).__pending);
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: { name: string; data: unknown }[] }).__events);
const frames = (page: Page) => page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);

describe('dApp provider in real Chromium: chains, approvals, permissions, isolation, relay', () => {
  let stack: Stack;
  let siteA: StaticServer;
  let siteB: StaticServer;
  let extraChain: AnvilChain;
  let a: Page;
  let b: Page;
  let ext: Page;

  const isApproval = (t: Target) => t.url().endsWith('/approval.html');
  const approvalWindow = async (): Promise<Page> => {
    const t = await stack.chrome.browser.waitForTarget(isApproval, { timeout: 15_000 });
    const page = (await t.page()) ?? (await t.asPage());
    await page.waitForSelector('[data-testid="approve"]', { timeout: 15_000 });
    return page;
  };
  const approvalTargets = () => stack.chrome.browser.targets().filter(isApproval);
  /** The approval window closes itself once nothing else waits. */
  const approvalWindowGone = async () => {
    for (let i = 0; i < 100 && approvalTargets().length > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(approvalTargets()).toHaveLength(0);
  };
  /** The page API as the popup uses it, to reset shared state between tests. */
  const pageApi = (type: string, payload: unknown) =>
    ext.evaluate(
      (t, p) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({ channel: 'twofold:page', type: t, payload: p }),
      type,
      payload as never,
    ) as Promise<{ ok: boolean; value?: unknown }>;

  beforeAll(async () => {
    [stack, extraChain] = await Promise.all([startStack(), startAnvil({ chainId: 1337 })]);
    siteB = await serveStatic({ '/': { body: PROBE_DAPP_HTML }, '/child': { body: FORGING_CHILD_HTML } });
    siteA = await serveStatic({
      '/': { body: PROBE_DAPP_HTML },
      '/framing': { body: framingPage(`${siteB.origin}/child`) },
    });
    ext = await stack.chrome.browser.newPage();
    await ext.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    a = await stack.chrome.browser.newPage();
    await a.goto(`${siteA.origin}/`);
    b = await stack.chrome.browser.newPage();
    await b.goto(`${siteB.origin}/`);
    // Both pages talk to the wallet once, so their relay ports are open (events reach them).
    expect(await req(a, 'eth_chainId')).toEqual({ result: '0x7a69' });
    expect(await req(b, 'eth_chainId')).toEqual({ result: '0x7a69' });
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([siteA?.close(), siteB?.close(), extraChain?.stop()]);
  });

  it('answers eth_chainId / net_version from anvil and greets the page with connect', async () => {
    expect(await req(a, 'net_version')).toEqual({ result: '31337' });
    expect(await rpc(stack.anvil.rpcUrl, 'eth_chainId')).toBe('0x7a69');
    expect(await events(a)).toContainEqual({ name: 'connect', data: { chainId: '0x7a69' } });
    expect(
      await a.evaluate(() =>
        (window as unknown as { ethereum: { isConnected(): boolean } }).ethereum.isConnected(),
      ),
    ).toBe(true);
  });

  it('an unconnected origin: eth_accounts is [], no permissions, account-gated and read methods get 4100', async () => {
    expect(await req(a, 'eth_accounts')).toEqual({ result: [] });
    expect(await req(a, 'wallet_getPermissions')).toEqual({ result: [] });
    for (const [method, params] of [
      ['personal_sign', ['0x68656c6c6f', '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23']],
      [
        'eth_sendTransaction',
        [
          {
            from: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
            to: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
          },
        ],
      ],
      ['eth_getBalance', ['0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', 'latest']],
      ['eth_blockNumber', []],
    ] as const)
      expect((await req(a, method, params)).error?.code, method).toBe(4100);
    expect(approvalTargets()).toHaveLength(0);
  });

  it('refuses bad params with -32602 and an unknown chain with 4902', async () => {
    expect((await req(a, 'wallet_switchEthereumChain', [{ chainId: 1 }])).error?.code).toBe(-32602);
    expect((await req(a, 'wallet_switchEthereumChain', [{ chainId: '0x539' }])).error?.code).toBe(4902);
    const httpAdd = await req(a, 'wallet_addEthereumChain', [
      {
        chainId: '0xa',
        chainName: 'X',
        nativeCurrency: { name: 'E', symbol: 'ETH', decimals: 18 },
        rpcUrls: ['http://rpc.example'],
      },
    ]);
    expect(httpAdd.error?.code).toBe(-32602);
    expect(httpAdd.error?.message).toMatch(/loopback/);
  });

  it('switch chain: the approval window shows origin and target; approve → chainChanged on every page', async () => {
    await startReq(a, 'wallet_switchEthereumChain', [{ chainId: '0x1' }]);
    const win = await approvalWindow();
    expect(await win.$eval('[data-testid="approval-origin"]', (e) => e.textContent)).toBe(siteA.origin);
    expect(await win.$eval('[data-testid="switch-to"]', (e) => e.textContent)).toBe('Ethereum (1)');
    expect(await win.$eval('[data-warning="first-time-origin"]', (e) => e.textContent)).toContain(
      siteA.origin,
    );
    await win.click('[data-testid="approve"]');
    expect(await pending(a)).toEqual({ result: null });
    await approvalWindowGone();
    expect(await req(a, 'eth_chainId')).toEqual({ result: '0x1' });
    await b.waitForFunction(() =>
      (window as unknown as { __events: { name: string; data: unknown }[] }).__events.some(
        (e) => e.name === 'chainChanged' && e.data === '0x1',
      ),
    );
    expect(await events(a)).toContainEqual({ name: 'chainChanged', data: '0x1' });
    await pageApi('chains.select', { chainId: 31337 });
    await a.waitForFunction(
      () => (window as unknown as { ethereum: { chainId: string } }).ethereum.chainId === '0x7a69',
    );
  });

  it('closing the approval window rejects with 4001 and changes nothing', async () => {
    await startReq(a, 'wallet_switchEthereumChain', [{ chainId: '0x2105' }]);
    const win = await approvalWindow();
    await win.close();
    expect((await pending(a)).error?.code).toBe(4001);
    await approvalWindowGone();
    expect(await req(a, 'eth_chainId')).toEqual({ result: '0x7a69' });
  });

  it('the reject button rejects with 4001', async () => {
    await startReq(b, 'wallet_switchEthereumChain', [{ chainId: '0x2105' }]);
    const win = await approvalWindow();
    await win.click('[data-testid="reject"]');
    expect((await pending(b)).error?.code).toBe(4001);
    await approvalWindowGone();
    expect(await req(b, 'eth_chainId')).toEqual({ result: '0x7a69' });
  });

  it("wallet_addEthereumChain checks the new RPC's chain id, asks, then adds and switches", async () => {
    const param = {
      chainId: '0x539',
      chainName: 'Second Anvil',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: [extraChain.rpcUrl],
    };
    const lying = await req(a, 'wallet_addEthereumChain', [{ ...param, rpcUrls: [stack.anvil.rpcUrl] }]);
    expect(lying.error?.code).toBe(-32602); // that RPC is chain 31337, not 1337
    await startReq(a, 'wallet_addEthereumChain', [param]);
    const win = await approvalWindow();
    expect(await win.$eval('[data-testid="add-chain-id"]', (e) => e.textContent)).toBe('1337');
    await win.click('[data-testid="approve"]');
    expect(await pending(a)).toEqual({ result: null });
    expect(await req(b, 'eth_chainId')).toEqual({ result: '0x539' });
    await b.waitForFunction(() =>
      (window as unknown as { __events: { name: string; data: unknown }[] }).__events.some(
        (e) => e.name === 'chainChanged' && e.data === '0x539',
      ),
    );
    await pageApi('chains.select', { chainId: 31337 });
    await a.waitForFunction(
      () => (window as unknown as { ethereum: { chainId: string } }).ethereum.chainId === '0x7a69',
    );
  });

  it('a request frame posted by a cross-origin iframe into the top window starts nothing', async () => {
    const top = await stack.chrome.browser.newPage();
    const childReady = top.evaluateOnNewDocument(() => {
      (window as unknown as { __child: Promise<void> }).__child = new Promise((resolve) =>
        window.addEventListener('message', (e) => e.data === 'child-ready' && resolve()),
      );
    });
    await childReady;
    await top.goto(`${siteA.origin}/framing`);
    await top.evaluate(() => (window as unknown as { __child: Promise<void> }).__child);
    await top.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.addEventListener('message', (e) => e.data === 'forged' && resolve());
          (document.getElementById('child') as HTMLIFrameElement).contentWindow!.postMessage('forge', '*');
        }),
    );
    // The relay handles page messages in order, and the port answers in order: once this legitimate request
    // is answered, any answer to the forged frames (posted earlier) would have arrived already.
    expect(await req(top, 'eth_chainId')).toEqual({ result: '0x7a69' });
    const ids = (await frames(top)).filter((f) => f.kind === 'response').map((f) => f.id);
    expect(ids.some((id) => id?.startsWith('forged'))).toBe(false);
    expect(approvalTargets()).toHaveLength(0);
    await top.close();
  });

  it('after a worker restart: the in-flight request fails once (4900, not replayed), the relay reconnects, events flow', async () => {
    await startReq(a, 'wallet_switchEthereumChain', [{ chainId: '0x2105' }]);
    const staleWindow = await approvalWindow();
    const connectsBefore = (await frames(b)).filter((f) => f.event === 'connect').length;
    await stack.chrome.restartServiceWorker();
    expect((await pending(a)).error?.code).toBe(4900);
    // b's relay reconnected on its own (b sent nothing): the new worker greeted it with a connect frame.
    await b.waitForFunction(
      (n) =>
        (window as unknown as { __frames: Frame[] }).__frames.filter((f) => f.event === 'connect').length > n,
      { timeout: 20_000 },
      connectsBefore,
    );
    // The stale approval window knows its request is gone; nothing was replayed into a new one.
    await staleWindow.reload();
    await staleWindow.waitForFunction(() => document.body.textContent?.includes('No request is waiting'));
    expect(approvalTargets()).toHaveLength(1);
    await staleWindow.close();
    expect(await req(a, 'eth_chainId')).toEqual({ result: '0x7a69' });
    // A chain change made in the extension reaches b over the reconnected port.
    await ext.reload();
    expect((await pageApi('chains.select', { chainId: 8453 })).ok).toBe(true);
    await b.waitForFunction(() =>
      (window as unknown as { __events: { name: string; data: unknown }[] }).__events.some(
        (e) => e.name === 'chainChanged' && e.data === '0x2105',
      ),
    );
    await pageApi('chains.select', { chainId: 31337 });
  });
});
