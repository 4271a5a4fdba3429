import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../harness/anvil.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import { type StaticServer, serveStatic } from '../harness/static-server.ts';
import {
  expectAnnouncedOnEveryRequest,
  expectPopupConnected,
  expectProviderAtFirstScript,
  PLUMBING_DAPP_HTML,
  pageChainId,
  unknownMethodCode,
} from './dapps/plumbing-probe.ts';

describe('plumbing: page → relay → background → enclave and chain, in real Chromium', () => {
  let stack: Stack;
  let dapp: StaticServer;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    dapp = await serveStatic({ '/': { body: PLUMBING_DAPP_HTML } });
    page = await stack.chrome.browser.newPage();
    await page.goto(`${dapp.origin}/`);
  });

  afterAll(async () => {
    await stack?.stop();
    await dapp?.close();
  });

  it("exposes window.ethereum to the page's first inline script (MAIN world, document_start)", async () => {
    await expectProviderAtFirstScript(page);
  });

  it('answers eip6963:requestProvider with an announcement (name, rdns, UUIDv4, icon), every time', async () => {
    await expectAnnouncedOnEveryRequest(page);
  });

  it('answers eth_chainId from the selected chain (anvil 31337) through relay and background', async () => {
    const chainId = await pageChainId(page);
    expect(chainId).toBe('0x7a69');
    expect(chainId).toBe(await rpc<string>(stack.anvil.rpcUrl, 'eth_chainId'));
  });

  it('refuses an unknown method with EIP-1193 code 4200', async () => {
    expect(await unknownMethodCode(page)).toBe(4200);
  });

  it('renders the popup, which shows the enclave hello (versioned) and the network', async () => {
    const popup = await stack.chrome.browser.newPage();
    await popup.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    await expectPopupConnected(popup);
    await popup.close();
    // The background really talked to this enclave process: it logged a hello frame.
    expect(stack.enclave.logs.some((l) => l.event === 'hello')).toBe(true);
  });
});
