/**
 * Issue 7's signing journey with the real wallet: a wallet made through onboarding (real enclave-sim, real
 * two-party key generation), funded on anvil, then two real dApps on two origins: ethers v6
 * `BrowserProvider` (connect rejected then approved, `personal_sign` checked with `ethers.verifyMessage`,
 * a transaction mined on anvil with the value received, revoke → `accountsChanged []`) and viem through
 * EIP-6963 (`eth_signTypedData_v4` checked with `verifyTypedData`). Every request goes through the approval
 * window, driven by its SPEC §9 test ids.
 */
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc } from '../harness/anvil.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import { type Dapps, serveDapps } from './dapps/serve-dapps.ts';
import { callDapp, signingScenarios as s, withApprovalInspected } from './dapps/signing-scenarios.ts';

const PASSWORD = 'correct horse battery staple';
const RECIPIENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'; // anvil's 4th dev account
const sel = (id: string) => `[data-testid="${id}"]`;

/** The site was told it has no account (its last accountsChanged is []), and asking it confirms so. */
async function expectToldNoAccount(page: Page) {
  await page.waitForFunction(() => {
    const ev = (
      window as unknown as { dapp: { events(): { event: string; data: unknown }[] } }
    ).dapp.events();
    const last = ev.filter((e) => e.event === 'accountsChanged').at(-1);
    return Array.isArray(last?.data) && last.data.length === 0;
  });
  expect(await callDapp(page, 'accounts')).toEqual({ ok: true, value: [] });
}

/** Approves the dApp call `name`; returns its outcome and the text the approval window showed at `testId`. */
async function approveShowing(
  browser: Browser,
  page: Page,
  testId: string,
  name: string,
  ...args: unknown[]
) {
  let shown = '';
  const outcome = await withApprovalInspected(
    browser,
    page,
    'approve',
    async (win) => {
      shown = await win.$eval(sel(testId), (e) => e.textContent ?? '');
    },
    name,
    ...args,
  );
  return { shown, outcome };
}

describe('signing through the dApp provider with the real two-party wallet', () => {
  let stack: Stack;
  let dapps: Dapps;
  let ethersPage: Page;
  let viemPage: Page;
  let address: string;

  beforeAll(async () => {
    [stack, dapps] = await Promise.all([startStack(), serveDapps()]);
    const { browser, extensionId } = stack.chrome;
    const onboarding = await browser.newPage();
    await onboarding.goto(`chrome-extension://${extensionId}/onboarding.html`);
    await onboarding.waitForSelector(sel('onboarding-password'), { timeout: 30_000 });
    await onboarding.type(sel('onboarding-password'), PASSWORD);
    await onboarding.type(sel('onboarding-password-confirm'), PASSWORD);
    await onboarding.click(sel('onboarding-create'));
    await onboarding.waitForSelector(sel('wallet-address-evm'), { timeout: 120_000 });
    address = (await onboarding.$eval(sel('wallet-address-evm'), (e) => e.textContent ?? '')).trim();
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    await onboarding.close();
    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [address, '0x56bc75e2d63100000']); // 100 ETH
    [ethersPage, viemPage] = await Promise.all([browser.newPage(), browser.newPage()]);
    await ethersPage.goto(`${dapps.ethers.origin}/`);
    await viemPage.goto(`${dapps.viem.origin}/`);
    await ethersPage.waitForSelector('body[data-ready="true"]');
    await viemPage.waitForSelector('body[data-ready="true"]');
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await dapps?.close();
  });

  it('connect: rejecting gives 4001 and nothing is granted; approving returns the wallet address', async () => {
    const rejected = await s.connectRejected(stack.chrome.browser, ethersPage);
    expect(rejected.ok).toBe(false);
    expect(rejected.code).toBe(4001);
    expect(await callDapp(ethersPage, 'accounts')).toEqual({ ok: true, value: [] });
    const approved = await s.connectApproved(stack.chrome.browser, ethersPage);
    expect(approved).toEqual({ ok: true, value: address });
    expect(await s.events(ethersPage)).toContainEqual({
      event: 'accountsChanged',
      data: [address.toLowerCase()],
    });
  });

  it('personal_sign: the window shows the text; ethers.verifyMessage recovers the wallet address', async () => {
    const message = 'Sign in to the demo dApp\nnonce: 42';
    const { shown, outcome: r } = await approveShowing(
      stack.chrome.browser,
      ethersPage,
      'message-text',
      'signAndVerify',
      message,
    );
    expect(shown).toBe(message);
    expect(r.ok).toBe(true);
    const v = r.value as { signer: string; recovered: string; signature: string };
    expect(v.recovered).toBe(address);
    expect(v.signer).toBe(address);
  });

  it('eth_sendTransaction: fees filled from the chain, shown in ETH, mined on anvil, value received', async () => {
    const before = BigInt(await rpc<string>(stack.anvil.rpcUrl, 'eth_getBalance', [RECIPIENT, 'latest']));
    const { shown: shownValue, outcome: r } = await approveShowing(
      stack.chrome.browser,
      ethersPage,
      'tx-value',
      'send',
      RECIPIENT,
      '0.25',
    );
    expect(shownValue).toBe('0.25 ETH');
    expect(r.ok, r.message).toBe(true);
    expect((r.value as { status: number }).status).toBe(1);
    const after = BigInt(await rpc<string>(stack.anvil.rpcUrl, 'eth_getBalance', [RECIPIENT, 'latest']));
    expect(after - before).toBe(250_000_000_000_000_000n);
  });

  it('a locked wallet asks to unlock first (unlock window), then shows the approval; the site saw [] meanwhile', async () => {
    const { browser, extensionId } = stack.chrome;
    const tab = await browser.newPage();
    await tab.goto(`chrome-extension://${extensionId}/popup.html`);
    const locked = await tab.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome.runtime.sendMessage({ channel: 'twofold:page', type: 'wallet.lock', payload: {} }),
    );
    expect(locked.ok).toBe(true);
    await tab.close();
    // Locking tells the connected site: accountsChanged [] (the wallet's state change reaches the provider).
    await expectToldNoAccount(ethersPage);

    const signing = withApprovalInspected(
      browser,
      ethersPage,
      'approve',
      async () => {},
      'signAndVerify',
      'after unlock',
    );
    const unlockTarget = await browser.waitForTarget((t) => t.url().endsWith('/popup.html'), {
      timeout: 15_000,
    });
    const unlockWindow = (await unlockTarget.page()) ?? (await unlockTarget.asPage());
    await unlockWindow.waitForSelector(sel('unlock-password'), { timeout: 15_000 });
    await unlockWindow.type(sel('unlock-password'), PASSWORD);
    await unlockWindow.click(sel('unlock-submit'));
    const r = await signing;
    expect(r.ok, r.message).toBe(true);
    expect((r.value as { recovered: string }).recovered).toBe(address);
    expect((await s.events(ethersPage)).filter((e) => e.event === 'accountsChanged').at(-1)?.data).toEqual([
      address.toLowerCase(),
    ]);
    await unlockWindow.close().catch(() => {});
  });

  it('viem via EIP-6963: eth_signTypedData_v4 shows the EIP-712 tree and verifies with verifyTypedData', async () => {
    const connected = await s.viemConnect(stack.chrome.browser, viemPage);
    expect(connected).toEqual({ ok: true, value: [address] });
    const { shown: tree, outcome: r } = await approveShowing(
      stack.chrome.browser,
      viemPage,
      'typed-data',
      'signTypedDataAndVerify',
    );
    expect(tree).toContain('Hello, Bob!');
    expect(r.ok, r.message).toBe(true);
    expect((r.value as { valid: boolean }).valid).toBe(true);
  });

  it('revoking the permission fires accountsChanged [] and the site sees no account again', async () => {
    expect((await s.revoke(ethersPage)).ok).toBe(true);
    await expectToldNoAccount(ethersPage);
    // The other origin keeps its own grant.
    expect(await callDapp(viemPage, 'accounts')).toEqual({ ok: true, value: [address] });
  });

  it('the popup lists the connected site; disconnecting it there fires accountsChanged [] on that site', async () => {
    const { browser, extensionId } = stack.chrome;
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForSelector(sel('nav-sites'), { timeout: 30_000 });
    await popup.click(sel('nav-sites'));
    const row = `li[data-origin="${dapps.viem.origin}"]`;
    await popup.waitForSelector(row, { timeout: 15_000 });
    expect(await popup.$(`li[data-origin="${dapps.ethers.origin}"]`)).toBeNull(); // revoked above
    await popup.click(`${row} ${sel('site-revoke')}`);
    await popup.waitForSelector(sel('sites-empty'), { timeout: 15_000 });
    await expectToldNoAccount(viemPage);
    await popup.close();
  });
});
