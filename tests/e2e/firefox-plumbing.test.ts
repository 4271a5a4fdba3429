import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../harness/anvil.ts';
import { type FirefoxStack, startFirefoxStack } from '../harness/firefox-stack.ts';
import { isLoopbackHost } from '../harness/loopback-proxy.ts';
import { BIN } from '../harness/processes.ts';
import { type StaticServer, serveStatic } from '../harness/static-server.ts';

// The same page as the Chrome plumbing test: it records what its very first inline script sees.
const DAPP = `<!doctype html><html><head><script>
  window.__first = { hasEthereum: typeof window.ethereum === 'object' && window.ethereum !== null,
                     isTwofold: !!(window.ethereum && window.ethereum.isTwofold) };
  window.__announced = [];
  window.addEventListener('eip6963:announceProvider', (e) => window.__announced.push(e.detail));
</script></head><body><h1>demo dApp</h1></body></html>`;

// A name that can only be reached through the proxy: proves the proxy sits in Firefox's path, so "the
// proxy saw nothing else" means something.
const CONTROL_HOST = 'outside.twofold-test.invalid';

type EthereumWindow = { ethereum: { request(a: { method: string }): Promise<unknown> } };

describe('Firefox ESR plumbing: page → relay → background → enclave and chain', () => {
  let stack: FirefoxStack;
  let dapp: StaticServer;
  let page: Page;

  beforeAll(async () => {
    stack = await startFirefoxStack();
    dapp = await serveStatic({ '/': { body: DAPP } });
    page = await stack.firefox.browser.newPage();
    await page.goto(`${dapp.origin}/`);
  });

  afterAll(async () => {
    await stack?.stop();
    await dapp?.close();
  });

  it('installs the MV3 build as a temporary add-on without manifest warnings', async () => {
    expect(stack.extensionDir.endsWith('firefox-mv3')).toBe(true);
    expect(await stack.firefox.installMessages()).toEqual([]);
    expect(await stack.firefox.backgroundStatus()).toBe('Running');
  });

  it('passes web-ext lint: no errors, and only the warning docs/FIREFOX.md explains', async () => {
    const { stdout } = await promisify(execFile)(
      BIN('web-ext'),
      ['lint', '--source-dir', stack.extensionDir, '--output', 'json', '--no-config-discovery'],
      // No update check against the registry from a test.
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    type Message = { code: string; file?: string };
    const report = JSON.parse(stdout) as { errors: Message[]; warnings: Message[]; notices: Message[] };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // Preact's renderer (the dangerouslySetInnerHTML path, unused by Twofold): see docs/FIREFOX.md.
    expect(report.warnings.map((w) => `${w.code} ${w.file?.replace(/-[\w-]+\.js$/, '.js')}`)).toEqual([
      'UNSAFE_VAR_ASSIGNMENT chunks/theme.js',
    ]);
  });

  it("exposes window.ethereum to the page's first inline script (MAIN world, document_start)", async () => {
    expect(await page.evaluate(() => (window as unknown as { __first: unknown }).__first)).toEqual({
      hasEthereum: true,
      isTwofold: true,
    });
  });

  it('answers eip6963:requestProvider with the same announcement every time', async () => {
    const r = await page.evaluate(() => {
      const w = window as unknown as {
        __announced: {
          info: { uuid: string; name: string; icon: string; rdns: string };
          provider: unknown;
        }[];
      };
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
    expect(r.afterFirst - r.before).toBe(1);
    expect(r.all.length).toBe(r.before + 2);
    const info = r.all.at(-1)!;
    expect(info.name).toBe('Twofold');
    expect(info.rdns).toBe('dev.twofold');
    expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info.icon.startsWith('data:image/')).toBe(true);
    expect(info.same).toBe(true);
    expect(new Set(r.all.map((i) => i.uuid)).size).toBe(1);
  });

  it('answers eth_chainId from anvil (31337) through relay and background', async () => {
    const chainId = await page.evaluate(() =>
      (window as unknown as EthereumWindow).ethereum.request({ method: 'eth_chainId' }),
    );
    expect(chainId).toBe('0x7a69');
    expect(chainId).toBe(await rpc<string>(stack.anvil.rpcUrl, 'eth_chainId'));
  });

  it('refuses an unknown method with EIP-1193 code 4200', async () => {
    const err = await page.evaluate(() =>
      (window as unknown as EthereumWindow).ethereum.request({ method: 'eth_doesNotExist' }).then(
        () => null,
        (e: { code: number }) => ({ code: e.code }),
      ),
    );
    expect(err?.code).toBe(4200);
  });

  it('renders the popup page, which shows the enclave hello (versioned) and the network', async () => {
    const popup = await stack.firefox.openExtensionPage('popup.html');
    await popup.waitForSelector('[data-testid="enclave-status"]', { timeout: 20_000 });
    expect(await popup.$eval('[data-testid="enclave-status"]', (el) => el.textContent)).toBe(
      'connected (protocol v1)',
    );
    expect(await popup.$eval('[data-testid="network-name"]', (el) => el.textContent)).toBe(
      'Anvil Local (31337)',
    );
    await popup.close();
    // "connected" needs the enclave to prove the identity key the build is pinned to: only this process can.
  });

  it('wakes a suspended background for the next dApp request', async () => {
    await stack.firefox.suspendBackground();
    expect(await stack.firefox.backgroundStatus()).toBe('Stopped');
    const chainId = await page.evaluate(() =>
      (window as unknown as EthereumWindow).ethereum.request({ method: 'eth_chainId' }),
    );
    expect(chainId).toBe('0x7a69');
    expect(await stack.firefox.backgroundStatus()).toBe('Running');
  });

  it('makes no connection outside loopback (the refusing proxy saw only the control request)', async () => {
    const control = await page.evaluate(
      (host) =>
        fetch(`http://${host}/`).then(
          (r) => `status ${r.status}`,
          () => 'refused',
        ),
      CONTROL_HOST,
    );
    expect(control).toBe('refused');
    const hosts = stack.firefox.proxy.requests.map((r) => r.host);
    expect(hosts).toContain(CONTROL_HOST);
    expect(hosts.filter((h) => h !== CONTROL_HOST && !isLoopbackHost(h))).toEqual([]);
  });
});
