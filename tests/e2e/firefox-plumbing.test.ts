import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../harness/anvil.ts';
import { isLoopbackHost } from '../harness/loopback-proxy.ts';
import { BIN } from '../harness/processes.ts';
import { type FirefoxStack, startFirefoxStack } from '../harness/stack.ts';
import { type StaticServer, serveStatic } from '../harness/static-server.ts';
import {
  expectAnnouncedOnEveryRequest,
  expectPopupConnected,
  expectProviderAtFirstScript,
  PLUMBING_DAPP_HTML,
  pageChainId,
  unknownMethodCode,
} from './dapps/plumbing-probe.ts';

// A name that can only be reached through the proxy: proves the proxy sits in Firefox's path, so "the
// proxy saw nothing else" means something.
const CONTROL_HOST = 'outside.twofold-test.invalid';

describe('Firefox ESR plumbing: page → relay → background → enclave and chain', () => {
  let stack: FirefoxStack;
  let dapp: StaticServer;
  let page: Page;

  beforeAll(async () => {
    stack = await startFirefoxStack();
    dapp = await serveStatic({ '/': { body: PLUMBING_DAPP_HTML } });
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
    await expectProviderAtFirstScript(page);
  });

  it('answers eip6963:requestProvider with the same announcement every time', async () => {
    await expectAnnouncedOnEveryRequest(page);
  });

  it('answers eth_chainId from anvil (31337) through relay and background', async () => {
    const chainId = await pageChainId(page);
    expect(chainId).toBe('0x7a69');
    expect(chainId).toBe(await rpc<string>(stack.anvil.rpcUrl, 'eth_chainId'));
  });

  it('refuses an unknown method with EIP-1193 code 4200', async () => {
    expect(await unknownMethodCode(page)).toBe(4200);
  });

  it('renders the popup page, which shows the enclave hello (versioned) and the network', async () => {
    const popup = await stack.firefox.openExtensionPage('popup.html');
    // "connected" needs the enclave to prove the identity key the build is pinned to: only this process can.
    await expectPopupConnected(popup);
    await popup.close();
  });

  it('wakes a suspended background for the next dApp request', async () => {
    await stack.firefox.suspendBackground();
    expect(await stack.firefox.backgroundStatus()).toBe('Stopped');
    expect(await pageChainId(page)).toBe('0x7a69');
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
