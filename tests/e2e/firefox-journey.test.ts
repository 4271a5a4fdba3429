/**
 * The core journey of the Chrome suite, in headless Firefox ESR with the MV3 build, the real enclave-sim and
 * anvil: onboarding → backup file downloaded (decrypts) → an ethers dApp connects, signs (verified) and
 * sends on anvil → lock/unlock → the background suspended and woken → still signs.
 */
import { readFileSync } from 'node:fs';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { verifyMessage } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackupFile } from '../../src/vault/backup-file.ts';
import { rpc } from '../harness/anvil.ts';
import { isLoopbackHost } from '../harness/loopback-proxy.ts';
import {
  byTestId,
  clickTestId,
  fillTestId,
  textOf,
  waitForDownload,
  waitForTestId,
} from '../harness/page-ui.ts';
import { type FirefoxStack, startFirefoxStack } from '../harness/stack.ts';
import { type Dapps, serveDapps } from './dapps/serve-dapps.ts';

const WALLET_PASSWORD = 'correct horse battery staple';
const BACKUP_PASSWORD = 'a different backup passphrase';
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const T = { timeout: 90_000 };

const sel = byTestId;
const text = textOf;
const waitFor = waitForTestId;
const fill = fillTestId;
const click = clickTestId;

/**
 * The approval window the background opened. Over BiDi, puppeteer keeps moz-extension pages listed as
 * about:blank, so ask each page where it is.
 */
async function findApprovalWindow(browser: Browser): Promise<Page> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.endsWith('/approval.html')) return p;
    }
    if (Date.now() > deadline) throw new Error('no approval window opened in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };

describe('Firefox ESR journey: onboarding → backup → dApp connect/sign/send → lock/unlock → suspend → sign', () => {
  let stack: FirefoxStack;
  let dapps: Dapps;
  let dapp: Page;
  let address: string;

  /** Start a dApp call and press `approve` in the approval window it opens. */
  async function approved(name: string, ...args: unknown[]): Promise<Outcome> {
    const { browser } = stack.firefox;
    const result = dapp.evaluate(
      (n, a) => (window as unknown as { dapp: Record<string, (...x: unknown[]) => unknown> }).dapp[n]!(...a),
      name,
      args,
    ) as Promise<Outcome>;
    // If no window comes, the test fails on that; the dApp call is then abandoned with the browser.
    result.catch(() => {});
    const win = await findApprovalWindow(browser);
    await win.bringToFront();
    await click(win, 'approve');
    const out = await result;
    await dapp.bringToFront();
    return out;
  }

  async function signVerified(message: string): Promise<void> {
    const r = await approved('signAndVerify', message);
    expect(r.ok, r.message).toBe(true);
    const v = r.value as { signer: string; signature: `0x${string}`; recovered: string };
    expect(v.signer).toBe(address);
    expect(v.recovered).toBe(address);
    expect(await verifyMessage({ address: address as `0x${string}`, message, signature: v.signature })).toBe(
      true,
    );
  }

  beforeAll(async () => {
    [stack, dapps] = await Promise.all([startFirefoxStack(), serveDapps()]);
  });

  afterAll(async () => {
    await stack?.stop();
    await dapps?.close();
  });

  it('onboarding: password → keys → addresses → backup file downloaded, decrypts, verified', async () => {
    const page = await stack.firefox.openExtensionPage('onboarding.html');
    await fill(page, 'onboarding-password', WALLET_PASSWORD);
    await fill(page, 'onboarding-password-confirm', WALLET_PASSWORD);
    await click(page, 'onboarding-create');
    await waitFor(page, 'wallet-address-evm');
    address = await text(page, 'wallet-address-evm');
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);

    await click(page, 'onboarding-to-backup');
    await fill(page, 'backup-password', BACKUP_PASSWORD);
    await fill(page, 'backup-password-confirm', BACKUP_PASSWORD);
    await click(page, 'backup-export');
    const backupFile = await waitForDownload(stack.firefox.downloadDir);
    const opened = await openBackupFile(readFileSync(backupFile, 'utf8'), BACKUP_PASSWORD);
    expect(opened.header.addresses.evm).toBe(address);
    opened.body.fill(0);

    const input = (await page.waitForSelector(
      sel('backup-verify-file'),
      T,
    )) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(backupFile);
    await fill(page, 'backup-verify-password', BACKUP_PASSWORD);
    await click(page, 'backup-verify-submit');
    await waitFor(page, 'onboarding-done');
    await page.close();
  });

  it('an ethers dApp connects, signs (verified) and sends a transaction anvil mines', async () => {
    dapp = await stack.firefox.browser.newPage();
    await dapp.goto(`${dapps.ethers.origin}/`);
    await dapp.waitForSelector('body[data-ready="true"]', T);
    const connected = await approved('connect');
    expect(connected).toEqual({ ok: true, value: address });

    await signVerified('Sign in to the demo dApp (Firefox)');

    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [address, '0x56BC75E2D63100000']); // 100 ETH
    const before = BigInt(await rpc<string>(stack.anvil.rpcUrl, 'eth_getBalance', [RECIPIENT, 'latest']));
    const sent = await approved('send', RECIPIENT, '0.25');
    expect(sent.ok, sent.message).toBe(true);
    expect((sent.value as { status: number }).status).toBe(1);
    const after = BigInt(await rpc<string>(stack.anvil.rpcUrl, 'eth_getBalance', [RECIPIENT, 'latest']));
    expect(after - before).toBe(250_000_000_000_000_000n);
  });

  it('locks and unlocks from the popup page (a wrong password is refused)', async () => {
    const popup = await stack.firefox.openExtensionPage('popup.html');
    await waitFor(popup, 'home-view');
    await click(popup, 'lock');
    await fill(popup, 'unlock-password', 'not the password');
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'error');
    await fill(popup, 'unlock-password', WALLET_PASSWORD);
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'home-view');
    await popup.close();
  });

  it('after the background is suspended and woken, the dApp still signs (verified), still unlocked', async () => {
    // Mark the running background page: a woken background is a new page without the mark.
    const probe = await stack.firefox.openExtensionPage('popup.html');
    const mark = () =>
      probe.evaluate(() => {
        const ext = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): unknown } } })
          .browser.extension;
        const bg = ext.getBackgroundPage() as { __twofoldMark?: string } | null;
        if (!bg) return 'stopped';
        const before = bg.__twofoldMark ?? 'unmarked';
        bg.__twofoldMark = 'marked';
        return before;
      });
    expect(await mark()).toBe('unmarked');
    expect(await mark()).toBe('marked');
    await probe.close();

    await stack.firefox.suspendBackground();
    expect(await stack.firefox.backgroundStatus()).toBe('Stopped');

    await signVerified('Still here after a suspension');

    const again = await stack.firefox.openExtensionPage('popup.html');
    await waitFor(again, 'home-view');
    expect(
      await again.evaluate(() => {
        const bg = (
          globalThis as unknown as { browser: { extension: { getBackgroundPage(): unknown } } }
        ).browser.extension.getBackgroundPage() as { __twofoldMark?: string } | null;
        return bg ? (bg.__twofoldMark ?? 'unmarked') : 'stopped';
      }),
    ).toBe('unmarked');
    await again.close();
  });

  it('made no connection outside loopback', () => {
    expect(stack.firefox.proxy.requests.map((r) => r.host).filter((h) => !isLoopbackHost(h))).toEqual([]);
  });
});
