import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../harness/stack.ts';
import { type Dapps, serveDapps } from './dapps/serve-dapps.ts';

type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };

/** Call `window.dapp[name](...args)` in the page (the dApp's own library code does the work). */
const call = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    (n, a) => (window as unknown as { dapp: Record<string, (...x: unknown[]) => unknown> }).dapp[n]!(...a),
    name,
    args,
  ) as Promise<Outcome>;

const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // anvil's first dev account (funded)

describe('real dApp libraries against the extension: ethers v6 BrowserProvider, viem via EIP-6963', () => {
  let stack: Stack;
  let dapps: Dapps;
  let ethersPage: Page;
  let viemPage: Page;

  beforeAll(async () => {
    [stack, dapps] = await Promise.all([startStack(), serveDapps()]);
    [ethersPage, viemPage] = await Promise.all([
      stack.chrome.browser.newPage(),
      stack.chrome.browser.newPage(),
    ]);
    await ethersPage.goto(`${dapps.ethers.origin}/`);
    await viemPage.goto(`${dapps.viem.origin}/`);
    await ethersPage.waitForSelector('body[data-ready="true"]');
    await viemPage.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await stack?.stop();
    await dapps?.close();
  });

  it('ethers BrowserProvider reads the chain (31337) and no accounts from an unconnected site', async () => {
    expect(await call(ethersPage, 'chainId')).toEqual({ ok: true, value: '31337' });
    expect(await call(ethersPage, 'accounts')).toEqual({ ok: true, value: [] });
  });

  it('ethers sees 4902 for an unknown chain', async () => {
    const r = await call(ethersPage, 'switchChain', '0x539');
    expect(r.ok).toBe(false);
    expect(r.code).toBe(4902);
  });

  it('viem finds Twofold through EIP-6963 (rdns dev.twofold) and reads the chain id through it', async () => {
    const infos = (await viemPage.evaluate(() =>
      (
        window as unknown as { dapp: { announcements(): { name: string; rdns: string }[] } }
      ).dapp.announcements(),
    )) as { name: string; rdns: string }[];
    expect(infos.map((i) => i.rdns)).toContain('dev.twofold');
    expect(await call(viemPage, 'chainId')).toEqual({ ok: true, value: 31337 });
  });

  it('viem: chain reads through the wallet need a connected site (4100); the node itself answers', async () => {
    const viaWallet = await call(viemPage, 'balanceViaWallet', ADDRESS);
    expect(viaWallet.ok).toBe(false);
    expect(viaWallet.code).toBe(4100);
    const direct = await call(viemPage, 'balanceDirect', stack.anvil.rpcUrl, ADDRESS);
    expect(direct).toEqual({ ok: true, value: (10n ** 22n).toString() });
  });
});
