import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../harness/anvil.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import { type StaticServer, serveStatic } from '../harness/static-server.ts';

// The dApp page records what its very first inline script sees, before any other script runs.
const DAPP = `<!doctype html><html><head><script>
  window.__first = { hasEthereum: typeof window.ethereum === 'object' && window.ethereum !== null,
                     isTwofold: !!(window.ethereum && window.ethereum.isTwofold) };
  window.__announced = [];
  window.addEventListener('eip6963:announceProvider', (e) => window.__announced.push(e.detail));
</script></head><body><h1>demo dApp</h1></body></html>`;

describe('plumbing: page → relay → background → enclave and chain, in real Chromium', () => {
  let stack: Stack;
  let dapp: StaticServer;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    dapp = await serveStatic({ '/': { body: DAPP } });
    page = await stack.chrome.browser.newPage();
    await page.goto(`${dapp.origin}/`);
  });

  afterAll(async () => {
    await stack?.stop();
    await dapp?.close();
  });

  it("exposes window.ethereum to the page's first inline script (MAIN world, document_start)", async () => {
    expect(await page.evaluate(() => (window as unknown as { __first: unknown }).__first)).toEqual({
      hasEthereum: true,
      isTwofold: true,
    });
  });

  it('answers eip6963:requestProvider with an announcement (name, rdns, UUIDv4, icon), every time', async () => {
    const infos = await page.evaluate(() => {
      const w = window as unknown as {
        __announced: {
          info: { uuid: string; name: string; icon: string; rdns: string };
          provider: unknown;
        }[];
      };
      // The initial announcement fired at document_start, before any page listener existed (as EIP-6963
      // expects): a dApp asks, and every ask is answered.
      const before = w.__announced.length;
      window.dispatchEvent(new Event('eip6963:requestProvider'));
      const afterFirst = w.__announced.length;
      window.dispatchEvent(new Event('eip6963:requestProvider'));
      const all = w.__announced.map((d) => ({
        ...d.info,
        same: d.provider === (window as { ethereum?: unknown }).ethereum,
      }));
      return { before, afterFirst, all };
    });
    expect(infos.afterFirst - infos.before).toBe(1);
    expect(infos.all.length).toBe(infos.before + 2);
    const info = infos.all.at(-1)!;
    expect(info.name).toBe('Twofold');
    expect(info.rdns).toBe('dev.twofold');
    expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info.icon.startsWith('data:image/')).toBe(true);
    expect(info.same).toBe(true);
    expect(new Set(infos.all.map((i) => i.uuid)).size).toBe(1);
  });

  it('answers eth_chainId from the selected chain (anvil 31337) through relay and background', async () => {
    const chainId = await page.evaluate(() =>
      (
        window as unknown as { ethereum: { request(a: { method: string }): Promise<string> } }
      ).ethereum.request({
        method: 'eth_chainId',
      }),
    );
    expect(chainId).toBe('0x7a69');
    expect(chainId).toBe(await rpc<string>(stack.anvil.rpcUrl, 'eth_chainId'));
  });

  it('refuses an unknown method with EIP-1193 code 4200', async () => {
    const err = await page.evaluate(() =>
      (window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } }).ethereum
        .request({ method: 'eth_doesNotExist' })
        .then(
          () => null,
          (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
        ),
    );
    expect(err?.code).toBe(4200);
  });

  it('renders the popup, which shows the enclave hello (versioned) and the network', async () => {
    const popup = await stack.chrome.browser.newPage();
    await popup.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    await popup.waitForSelector('[data-testid="enclave-status"]', { timeout: 20_000 });
    const text = await popup.$eval('[data-testid="enclave-status"]', (el) => el.textContent);
    expect(text).toBe('connected (protocol v1)');
    expect(await popup.$eval('[data-testid="network-name"]', (el) => el.textContent)).toBe(
      'Anvil Local (31337)',
    );
    await popup.close();
    // The background really talked to this enclave process: it logged a hello frame.
    expect(stack.enclave.logs.some((l) => l.event === 'hello')).toBe(true);
  });
});
