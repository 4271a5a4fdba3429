/**
 * The pages a person uses, driven only by their SPEC §9 data-testids in real Chromium with the built
 * extension, the real enclave-sim and anvil: onboarding → backup export (the downloaded file exists and
 * decrypts) → verify the saved file → popup pages (lock/unlock, send, health) → eject (the revealed keys
 * derive the shown addresses) → a fresh browser profile restores from the exported file → same addresses →
 * it can sign (a transfer from the popup). With SCREENSHOTS=1 (`npm run screenshots`) it also writes a screenshot of
 * each page to docs/screenshots/ (not in `npm test`, so a test run leaves the tracked images alone).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { getBase58Decoder } from '@solana/kit';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackupFile } from '../../src/vault/backup-file.ts';
import { rpc } from '../harness/anvil.ts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/chromium.ts';
import {
  byTestId,
  clickTestId,
  fillTestId,
  textOf,
  waitForDownload,
  waitForTestId,
} from '../harness/page-ui.ts';
import { ROOT, tempDir } from '../harness/processes.ts';
import { type Stack, startStack } from '../harness/stack.ts';

const WALLET_PASSWORD = 'correct horse battery staple';
const BACKUP_PASSWORD = 'a different backup passphrase';
const NEW_DEVICE_PASSWORD = 'new device password 42';
// anvil's second default account: a plain recipient.
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const T = { timeout: 90_000 };

const sel = byTestId;
const text = textOf;
const waitFor = waitForTestId;
const fill = fillTestId;
const click = clickTestId;

async function upload(page: Page, id: string, file: string): Promise<void> {
  const input = (await page.waitForSelector(sel(id), T)) as ElementHandle<HTMLInputElement> | null;
  await input!.uploadFile(file);
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function openPage(browser: Browser, extensionId: string, file: string, popup: boolean): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(popup ? { width: 360, height: 600 } : { width: 800, height: 900 });
  page.on('pageerror', (e) => console.error(`${file}: page error: ${e}`));
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}

/** No horizontal overflow at the popup's 360 px. */
async function expectNoOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/** Send 1 ETH to RECIPIENT from the popup's send page; returns the mined receipt's status. */
async function sendFromPopup(popup: Page, anvilUrl: string, shotPrefix?: string): Promise<string> {
  await click(popup, 'nav-send');
  await fill(popup, 'send-to', RECIPIENT);
  await fill(popup, 'send-amount', '1');
  await click(popup, 'send-review');
  await waitFor(popup, 'send-fee');
  expect(await text(popup, 'send-fee')).toMatch(/ETH$/);
  if (shotPrefix) await shot(popup, `${shotPrefix}-send-review`);
  await click(popup, 'send-confirm');
  await waitFor(popup, 'send-tx-hash');
  const txHash = await text(popup, 'send-tx-hash');
  expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
  if (shotPrefix) await shot(popup, `${shotPrefix}-send-done`);
  const receipt = await rpc<{ status: string } | null>(anvilUrl, 'eth_getTransactionReceipt', [txHash]);
  return receipt?.status ?? 'missing';
}

describe('pages journey: onboarding → backup → eject → restore in a fresh profile', () => {
  let stack: Stack;
  let second: ExtensionBrowser | undefined;
  const downloads = tempDir('downloads');
  let addresses: { evm: string; solana: string };
  let backupFile: string;

  beforeAll(async () => {
    stack = await startStack();
    const cdp = await stack.chrome.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads.path });
  });

  afterAll(async () => {
    await second?.close();
    await stack?.stop();
    downloads.remove();
  });

  it('onboarding: password → keys → addresses → backup downloaded, decrypts, saved file verified', async () => {
    const { browser } = stack.chrome;
    const page = await openPage(browser, stack.chrome.extensionId, 'onboarding.html', false);
    await waitFor(page, 'onboarding-password');
    await fill(page, 'onboarding-password', WALLET_PASSWORD);
    await fill(page, 'onboarding-password-confirm', WALLET_PASSWORD);
    await shot(page, 'onboarding-password');
    await click(page, 'onboarding-create');
    // The progress page shows while both key pairs are made (seconds): photograph it on the way.
    await waitFor(page, 'operation-progress');
    await shot(page, 'onboarding-generating');

    await waitFor(page, 'wallet-address-evm');
    addresses = {
      evm: await text(page, 'wallet-address-evm'),
      solana: await text(page, 'wallet-address-solana'),
    };
    expect(addresses.evm).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(addresses.solana).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    await shot(page, 'onboarding-addresses');

    await click(page, 'onboarding-to-backup');
    await fill(page, 'backup-password', BACKUP_PASSWORD);
    await fill(page, 'backup-password-confirm', BACKUP_PASSWORD);
    await shot(page, 'onboarding-backup');
    await click(page, 'backup-export');
    backupFile = await waitForDownload(downloads.path);
    const fileText = readFileSync(backupFile, 'utf8');
    const opened = await openBackupFile(fileText, BACKUP_PASSWORD);
    expect(opened.header.addresses).toEqual({ evm: addresses.evm, solana: addresses.solana });
    expect(opened.body.length).toBeGreaterThan(0);
    opened.body.fill(0);

    await upload(page, 'backup-verify-file', backupFile);
    await fill(page, 'backup-verify-password', BACKUP_PASSWORD);
    await click(page, 'backup-verify-submit');
    await waitFor(page, 'onboarding-done');
    await shot(page, 'onboarding-done');
    await page.close();
  });

  it('popup: home, lock and unlock, send with fee and tx hash, backup, health ok, sites, settings', async () => {
    const { browser, extensionId } = stack.chrome;
    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [addresses.evm, '0x56BC75E2D63100000']); // 100 ETH
    const popup = await openPage(browser, extensionId, 'popup.html', true);
    await waitFor(popup, 'home-view');
    expect(await text(popup, 'wallet-address-evm')).toBe(addresses.evm);
    expect(await text(popup, 'wallet-address-solana')).toBe(addresses.solana);
    await popup.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.includes('100'),
      T,
      sel('balance'),
    );
    await expectNoOverflow(popup);
    await shot(popup, 'popup-home');

    await click(popup, 'lock');
    await waitFor(popup, 'unlock-password');
    await shot(popup, 'popup-unlock');
    await fill(popup, 'unlock-password', 'not the password');
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'error');
    await fill(popup, 'unlock-password', WALLET_PASSWORD);
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'home-view');

    expect(await sendFromPopup(popup, stack.anvil.rpcUrl, 'popup')).toBe('0x1');

    await click(popup, 'nav-backup');
    await waitFor(popup, 'backup-list');
    await expectNoOverflow(popup);
    await shot(popup, 'popup-backup');

    // Checking an existing file happens in a tab (a popup may close on a file picker).
    const manage = await openPage(browser, extensionId, 'onboarding.html#backup', false);
    await upload(manage, 'backup-verify-file', backupFile);
    await fill(manage, 'backup-verify-password', BACKUP_PASSWORD);
    await click(manage, 'backup-verify-submit');
    await waitFor(manage, 'backup-verified');
    await shot(manage, 'backup-manage');
    await manage.close();

    await click(popup, 'nav-health');
    await popup.waitForFunction(
      (s: string) => !['', 'checking…'].includes(document.querySelector(s)?.textContent ?? ''),
      T,
      sel('health-status'),
    );
    expect(await text(popup, 'health-status')).toBe('ok');
    await shot(popup, 'popup-health');

    await click(popup, 'nav-sites');
    await waitFor(popup, 'sites-empty');
    await shot(popup, 'popup-sites');
    await click(popup, 'nav-settings');
    await waitFor(popup, 'settings-enclave-url');
    await expectNoOverflow(popup);
    await shot(popup, 'popup-settings');
    await popup.close();
  });

  it('eject: the revealed keys derive the shown addresses; the wallet then says "key exported"', async () => {
    const { browser, extensionId } = stack.chrome;
    const popup = await openPage(browser, extensionId, 'popup.html', true);
    await click(popup, 'nav-eject');
    await waitFor(popup, 'eject-start');
    await shot(popup, 'popup-eject');
    await click(popup, 'eject-start');
    await fill(popup, 'eject-password', WALLET_PASSWORD);
    await shot(popup, 'popup-eject-window');
    await click(popup, 'eject-confirm');
    await waitFor(popup, 'eject-private-key-evm');
    const evmKey = await text(popup, 'eject-private-key-evm');
    const scalarHex = await text(popup, 'eject-private-key-solana');
    await expectNoOverflow(popup);
    await shot(popup, 'popup-eject-keys');

    expect(privateKeyToAddress(evmKey as `0x${string}`)).toBe(addresses.evm);
    // The ed25519 scalar is little-endian (RFC 8032 encoding); scalar·G is the Solana public key.
    const le = Uint8Array.from(Buffer.from(scalarHex, 'hex')).reverse();
    const scalar = BigInt(`0x${Buffer.from(le).toString('hex')}`) % ed25519.Point.CURVE().n;
    expect(getBase58Decoder().decode(ed25519.Point.BASE.multiply(scalar).toBytes())).toBe(addresses.solana);

    await click(popup, 'eject-hide');
    await click(popup, 'nav-home');
    await waitFor(popup, 'warning-key-exported');
    await popup.close();
  });

  it('restore in a fresh browser profile from the exported file: same addresses, and it signs', async () => {
    expect(existsSync(backupFile)).toBe(true);
    second = await launchWithExtension(stack.extensionDir);
    const page = await openPage(second.browser, second.extensionId, 'onboarding.html', false);
    await click(page, 'onboarding-restore');
    await upload(page, 'restore-file', backupFile);
    await fill(page, 'restore-backup-password', BACKUP_PASSWORD);
    await fill(page, 'restore-new-password', NEW_DEVICE_PASSWORD);
    await shot(page, 'onboarding-restore');
    await click(page, 'restore-submit');
    await waitFor(page, 'restore-done');
    expect(await text(page, 'wallet-address-evm')).toBe(addresses.evm);
    expect(await text(page, 'wallet-address-solana')).toBe(addresses.solana);
    await shot(page, 'onboarding-restored');

    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [addresses.evm, '0x56BC75E2D63100000']);
    const popup = await openPage(second.browser, second.extensionId, 'popup.html', true);
    await waitFor(popup, 'home-view');
    expect(await sendFromPopup(popup, stack.anvil.rpcUrl)).toBe('0x1');
  });

  it('with the enclave down, the pages still work and say what happened and what to do', async () => {
    await stack.enclave.stop();
    const popup = await openPage(second!.browser, second!.extensionId, 'popup.html', true);
    await waitFor(popup, 'home-view');
    expect(await text(popup, 'wallet-address-evm')).toBe(addresses.evm);
    await popup.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.startsWith('unreachable'),
      T,
      sel('enclave-status'),
    );
    await click(popup, 'nav-health');
    await popup.waitForFunction(
      (s: string) => !['', 'checking…'].includes(document.querySelector(s)?.textContent ?? ''),
      T,
      sel('health-status'),
    );
    expect(await text(popup, 'health-status')).toMatch(/^needs attention/);
    expect(
      await popup.$eval(`${sel('health-problem')}[data-check="enclave-reachable"]`, (el) => el.textContent),
    ).toContain('cannot be reached');
    await shot(popup, 'popup-health-enclave-down');

    // A transfer cannot be co-signed: the page says so, and what to do.
    await click(popup, 'nav-send');
    await fill(popup, 'send-to', RECIPIENT);
    await fill(popup, 'send-amount', '1');
    await click(popup, 'send-review');
    await click(popup, 'send-confirm');
    await waitFor(popup, 'error');
    const error = await text(popup, 'error');
    expect(error).toContain('cannot be reached');
    expect(error).toContain('Settings');
    expect(await popup.$(sel('send-tx-hash'))).toBeNull();
  });
});
