/**
 * Every page and view of the built extension in real Chromium, with the background's answers replaced by
 * canned ones (the page API is the pages' only dependency): the SPEC §9 data-testids exist, nothing
 * overflows the 360 px popup, the background's errors are shown with what to do, and no page throws.
 * The real wallet is exercised by pages-journey.test.ts.
 */
import path from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../harness/chromium.ts';
import { buildExtension } from '../harness/extension-build.ts';
import { tempDir } from '../harness/processes.ts';

type Canned = Record<string, unknown>;
const fail = (code: string, message: string) => ({ __error: { code, message } });

const ADDRESSES = {
  walletId: 'w1',
  evm: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  solana: '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM',
};
const NOW = Date.UTC(2026, 0, 1);
const status = (state: string, extra: object = {}) => ({
  state,
  ...(state === 'no-wallet' ? {} : { addresses: ADDRESSES }),
  keyExported: false,
  restoredElsewhere: false,
  needsBackup: false,
  pendingOperations: 0,
  autoLockMinutes: 15,
  ...extra,
});
const HEALTH_OK = {
  ok: true,
  checkedAt: NOW,
  checks: [
    { id: 'pair-check', curve: 'secp256k1', ok: true, message: 'Both halves match.' },
    { id: 'enclave-reachable', ok: true, message: 'Reachable.' },
  ],
};
const BASE: Canned = {
  'status.get': {
    enclave: { reachable: true, url: 'ws://127.0.0.1:1', versions: [1] },
    chainId: 31337,
    chainName: 'Anvil Local',
  },
  'chains.list': {
    chains: [
      { chainId: 31337, name: 'Anvil Local', symbol: 'ETH', rpcUrl: 'http://127.0.0.1:8545' },
      { chainId: 1, name: 'Ethereum', symbol: 'ETH', rpcUrl: 'https://ethereum-rpc.publicnode.com' },
    ],
    selectedChainId: 31337,
  },
  'balance.get': { chainId: 31337, wei: '1500000000000000000', formatted: '1.5', symbol: 'ETH' },
  'health.check': HEALTH_OK,
  'backup.list': { backups: [{ backupId: 'b1', createdAt: NOW, lastVerifiedAt: NOW, status: 'verified' }] },
  'sites.list': {
    sites: [
      { origin: 'http://127.0.0.1:5173', accounts: [ADDRESSES.evm], connectedAt: NOW, lastUsedAt: NOW },
    ],
  },
  'settings.get': { enclaveUrl: 'ws://127.0.0.1:8787', rpcUrls: {}, autoLockMinutes: 15 },
  'wallet.progress': { operation: 'generate', step: 'keys', done: 1, total: 4 },
};

const sel = (id: string) => `[data-testid="${id}"]`;

describe('pages and views render against the page API (canned background answers)', () => {
  let chrome: ExtensionBrowser;
  const work = tempDir('pages-views');
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = await buildExtension(
      { enclaveUrl: 'ws://127.0.0.1:9', enclaveIdentityKey: '', localRpcUrl: 'http://127.0.0.1:9' },
      path.join(work.path, 'build'),
    );
    chrome = await launchWithExtension(dir);
    // The backup view downloads a (canned) file: keep it out of the user's folders.
    const cdp = await chrome.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  });

  afterAll(async () => {
    await chrome?.close();
    work.remove();
  });

  /** Open an extension page whose runtime.sendMessage answers from `canned` (value, or {__error}). */
  async function open(file: string, canned: Canned, popup = true): Promise<Page> {
    const page = await chrome.browser.newPage();
    await page.setViewport(popup ? { width: 360, height: 600 } : { width: 800, height: 900 });
    page.on('pageerror', (e) => errors.push(`${file}: ${e}`));
    await page.evaluateOnNewDocument(
      (json: string) => {
        const answers = JSON.parse(json) as Record<string, { __error?: unknown }>;
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: unknown } } }).chrome
          .runtime;
        runtime.sendMessage = (m: { type: string }) => {
          const a = answers[m.type];
          if (a === undefined) return new Promise(() => {}); // never answers: a long operation
          return Promise.resolve(a?.__error ? { ok: false, error: a.__error } : { ok: true, value: a });
        };
      },
      JSON.stringify({ ...BASE, ...canned }),
    );
    await page.goto(`chrome-extension://${chrome.extensionId}/${file}`);
    return page;
  }

  const exists = async (page: Page, ids: string[]) => {
    for (const id of ids) await page.waitForSelector(sel(id), { timeout: 10_000 });
  };
  const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
  const text = (page: Page, id: string) => page.$eval(sel(id), (el) => el.textContent ?? '');

  it('onboarding: create form with its contract ids; create stays disabled until the passwords match', async () => {
    const page = await open('onboarding.html', { 'wallet.status': status('no-wallet') }, false);
    await exists(page, [
      'onboarding-password',
      'onboarding-password-confirm',
      'onboarding-create',
      'onboarding-restore',
    ]);
    await page.type(sel('onboarding-password'), 'long enough 1');
    await page.type(sel('onboarding-password-confirm'), 'long enough 2');
    expect(await page.$eval(sel('onboarding-create'), (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1');
    expect(await page.$eval(sel('onboarding-create'), (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await page.click(sel('onboarding-restore'));
    await exists(page, ['restore-file', 'restore-backup-password', 'restore-new-password', 'restore-submit']);
    expect(await page.$eval(sel('restore-file'), (i) => (i as HTMLInputElement).type)).toBe('file');
    await page.close();
  });

  it('keyboard: onboarding is filled and submitted by keyboard alone; every field has a label', async () => {
    const page = await open('onboarding.html', { 'wallet.status': status('no-wallet') }, false);
    await exists(page, ['onboarding-password']);
    const unlabelled = await page.$$eval('input', (inputs) =>
      inputs.filter((i) => i.labels?.length === 0 && !i.getAttribute('aria-label')).map((i) => i.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    // The password field has focus on arrival.
    await page.keyboard.type('keyboard only 1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keyboard only 1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'onboarding-create',
    );
    expect(
      await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
    ).not.toBe('none');
    await page.keyboard.press('Enter');
    await exists(page, ['operation-progress']);
    await page.close();
  });

  it('onboarding: an unreachable enclave during generation is shown with what to do, back on the form', async () => {
    const page = await open(
      'onboarding.html',
      {
        'wallet.status': status('no-wallet'),
        'wallet.generate': fail('ENCLAVE_UNREACHABLE', 'The enclave service did not answer.'),
      },
      false,
    );
    await exists(page, ['onboarding-password']);
    await page.type(sel('onboarding-password'), 'long enough 1');
    await page.type(sel('onboarding-password-confirm'), 'long enough 1');
    await page.click(sel('onboarding-create'));
    await exists(page, ['error', 'onboarding-create']);
    const shown = await text(page, 'error');
    expect(shown).toContain('The enclave service did not answer.');
    expect(shown).toContain('Settings');
    await page.close();
  });

  it('onboarding: the backup step exports, then asks for the saved file; skipping needs a checkbox', async () => {
    const page = await open(
      'onboarding.html',
      {
        'wallet.status': status('unlocked', { needsBackup: true }),
        'backup.create': { backupId: 'b1', fileText: '{"header":{}}', fileName: 'twofold-backup-test.json' },
      },
      false,
    );
    await exists(page, ['backup-password', 'backup-password-confirm', 'backup-export', 'safety-note']);
    expect(await page.$(sel('backup-verify-file'))).toBeNull();
    await page.type(sel('backup-password'), 'backup password 1');
    await page.type(sel('backup-password-confirm'), 'backup password 1');
    await page.click(sel('backup-export'));
    await exists(page, [
      'backup-exported',
      'backup-verify-file',
      'backup-verify-password',
      'backup-verify-submit',
    ]);
    await page.click(sel('backup-skip'));
    await exists(page, ['backup-skip-understood']);
    await page.close();
  });

  it('onboarding.html#backup manages the backups of an existing wallet: check a file, make a new one', async () => {
    const page = await open('onboarding.html#backup', { 'wallet.status': status('unlocked') }, false);
    await exists(page, ['backup-manage', 'backup-list', 'backup-verify-file', 'backup-verify-password']);
    await exists(page, ['backup-password', 'backup-password-confirm', 'backup-export']);
    expect(await page.$(sel('backup-skip'))).toBeNull();
    await page.close();
  });

  it('popup without a wallet leads to onboarding; locked shows unlock and its error', async () => {
    const none = await open('popup.html', { 'wallet.status': status('no-wallet') });
    await exists(none, ['no-wallet', 'open-onboarding', 'network-name', 'enclave-status']);
    await none.close();

    const locked = await open('popup.html', {
      'wallet.status': status('locked'),
      'wallet.unlock': fail('WRONG_PASSWORD', 'Wrong password.'),
    });
    await exists(locked, ['unlock-password', 'unlock-submit']);
    await locked.type(sel('unlock-password'), 'nope');
    await locked.click(sel('unlock-submit'));
    await exists(locked, ['error']);
    expect(await text(locked, 'error')).toContain('Wrong password.');
    await locked.close();
  });

  it('popup views: home, send review, backup, health, sites, settings fit 360 px', async () => {
    const page = await open('popup.html', {
      'wallet.status': status('unlocked', { needsBackup: true, pendingOperations: 1 }),
      'send.estimate': {
        chainId: 31337,
        gas: '21000',
        maxFeeWei: '42000000000000',
        maxFeeFormatted: '0.000042',
        symbol: 'ETH',
      },
    });
    await exists(page, ['home-view', 'lock', 'balance', 'wallet-address-evm', 'wallet-address-solana']);
    await exists(page, ['warning-needs-backup', 'warning-pending', 'network-select']);
    expect(await text(page, 'wallet-address-evm')).toBe(ADDRESSES.evm);
    expect(await width(page)).toBeLessThanOrEqual(360);

    await page.click(sel('nav-send'));
    await page.type(sel('send-to'), ADDRESSES.evm);
    await page.type(sel('send-amount'), '0.5');
    await page.click(sel('send-review'));
    await exists(page, ['send-fee', 'send-confirm']);
    expect(await text(page, 'send-fee')).toBe('0.000042 ETH');

    for (const [route, id] of [
      ['backup', 'open-backup-tab'],
      ['health', 'health-checks'],
      ['sites', 'site-revoke'],
      ['settings', 'settings-rpc-31337'],
    ] as const) {
      await page.click(sel(`nav-${route}`));
      await exists(page, [id]);
      expect(await width(page)).toBeLessThanOrEqual(360);
    }
    await page.close();
  });

  it('popup Solana: SOL balance with its cluster, cluster switch, send SOL to a signature, Solana sites', async () => {
    const clusters = [
      {
        cluster: 'mainnet',
        chain: 'solana:mainnet',
        name: 'Solana',
        rpcUrl: 'https://api.mainnet-beta.solana.com',
      },
      {
        cluster: 'devnet',
        chain: 'solana:devnet',
        name: 'Solana devnet',
        rpcUrl: 'https://api.devnet.solana.com',
      },
    ];
    const signature = '5'.repeat(88);
    const page = await open('popup.html', {
      'wallet.status': status('unlocked'),
      'solana.clusters': { clusters, selected: 'mainnet' },
      'solana.selectCluster': clusters[1],
      'solana.setRpcUrl': { ...clusters[1], rpcUrl: 'http://127.0.0.1:8899' },
      'solana.balance': { address: ADDRESSES.solana, cluster: 'mainnet', lamports: '2500000000', sol: '2.5' },
      'solana.send': { signature, cluster: 'devnet' },
      'solana.sites': { sites: [{ origin: 'http://127.0.0.1:5174', address: ADDRESSES.solana, date: NOW }] },
    });
    await exists(page, ['solana-balance', 'solana-cluster-select']);
    await page.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent === '2.5 SOL',
      {},
      sel('solana-balance'),
    );
    expect(await text(page, 'solana-balance-line')).toContain('Solana');
    await page.select(sel('solana-cluster-select'), 'devnet');
    await page.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.includes('Solana devnet'),
      {},
      sel('solana-balance-line'),
    );
    expect(await width(page)).toBeLessThanOrEqual(360);

    await page.click(sel('home-send-sol'));
    await exists(page, ['solana-send-to', 'solana-send-amount']);
    await page.type(sel('solana-send-to'), ADDRESSES.evm);
    await exists(page, ['solana-send-view']);
    expect(await page.$eval(sel('solana-send-review-button'), (b) => (b as HTMLButtonElement).disabled)).toBe(
      true,
    );
    expect(await page.evaluate(() => document.body.textContent)).toContain('must be a Solana address');
    await page.click(sel('solana-send-to'), { count: 3 });
    await page.keyboard.press('Backspace');
    await page.type(sel('solana-send-to'), ADDRESSES.solana);
    await page.type(sel('solana-send-amount'), '0.25');
    await page.click(sel('solana-send-review-button'));
    await exists(page, ['solana-send-review', 'solana-send-submit']);
    expect(await text(page, 'solana-send-review')).toContain('0.25 SOL');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await page.click(sel('solana-send-submit'));
    await exists(page, ['solana-send-result']);
    expect(await text(page, 'solana-send-result')).toBe(signature);
    expect(await width(page)).toBeLessThanOrEqual(360);

    await page.click(sel('nav-sites'));
    await exists(page, ['site-revoke', 'solana-site-revoke']);
    expect(await text(page, 'solana-sites-list')).toContain('http://127.0.0.1:5174');
    expect(await width(page)).toBeLessThanOrEqual(360);

    // Settings: each cluster's RPC URL, saved only when edited.
    await page.click(sel('nav-settings'));
    await exists(page, ['settings-solana', 'settings-solana-rpc-mainnet', 'settings-solana-rpc-devnet']);
    expect(await page.$eval(sel('settings-solana-rpc-devnet'), (i) => (i as HTMLInputElement).value)).toBe(
      'https://api.devnet.solana.com',
    );
    const saveDisabled = () =>
      page.$eval(sel('settings-solana-save'), (b) => (b as HTMLButtonElement).disabled);
    expect(await saveDisabled()).toBe(true);
    await page.click(sel('settings-solana-rpc-devnet'), { count: 3 });
    await page.keyboard.press('Backspace');
    await page.type(sel('settings-solana-rpc-devnet'), 'http://127.0.0.1:8899');
    expect(await saveDisabled()).toBe(false);
    await page.click(sel('settings-solana-save'));
    await page.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.includes('Saved'),
      {},
      sel('settings-solana'),
    );
    expect(await page.$eval(sel('settings-solana-rpc-devnet'), (i) => (i as HTMLInputElement).value)).toBe(
      'http://127.0.0.1:8899',
    );
    expect(await saveDisabled()).toBe(true);
    expect(await width(page)).toBeLessThanOrEqual(360);
    await page.close();
  });

  it('popup Solana: a refused send is shown with what to do, and the balance error too', async () => {
    const page = await open('popup.html', {
      'wallet.status': status('unlocked'),
      'solana.clusters': {
        clusters: [
          {
            cluster: 'localnet',
            chain: 'solana:localnet',
            name: 'Solana localnet',
            rpcUrl: 'http://127.0.0.1:9',
          },
        ],
        selected: 'localnet',
      },
      'solana.balance': fail('RPC_ERROR', 'The Solana RPC refused getBalance: unreachable'),
      'solana.send': fail('RPC_ERROR', 'The Solana RPC refused sendTransaction: insufficient funds'),
      'solana.setRpcUrl': fail('INVALID_ARGUMENT', 'The RPC URL must use http or https.'),
    });
    await exists(page, ['solana-balance']);
    await page.waitForFunction(() => document.body.textContent?.includes('SOL balance unavailable'));
    await page.click(sel('home-send-sol'));
    await page.type(sel('solana-send-to'), ADDRESSES.solana);
    await page.type(sel('solana-send-amount'), '1');
    await page.click(sel('solana-send-review-button'));
    await page.click(sel('solana-send-submit'));
    await exists(page, ['error']);
    expect(await text(page, 'error')).toContain('insufficient funds');
    expect(await page.evaluate(() => document.body.textContent)).toContain('RPC URL');
    expect(await page.$(sel('solana-send-result'))).toBeNull();

    // A refused RPC URL says why, and the field keeps what was typed.
    await page.click(sel('nav-settings'));
    await exists(page, ['settings-solana-rpc-localnet']);
    await page.type(sel('settings-solana-rpc-localnet'), '0');
    await page.click(sel('settings-solana-save'));
    await page.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.includes('must use http'),
      {},
      sel('settings-solana'),
    );
    expect(await page.$eval(sel('settings-solana-rpc-localnet'), (i) => (i as HTMLInputElement).value)).toBe(
      'http://127.0.0.1:90',
    );
    await page.close();
  });

  it('health-status says ok only when every check passes', async () => {
    const ok = await open('popup.html', { 'wallet.status': status('unlocked') });
    await ok.waitForSelector(sel('nav-health'));
    await ok.click(sel('nav-health'));
    await ok.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent === 'ok',
      {},
      sel('health-status'),
    );
    await ok.close();

    const bad = await open('popup.html', {
      'wallet.status': status('unlocked'),
      'health.check': {
        ...HEALTH_OK,
        ok: false,
        checks: [{ id: 'backup-pair-status', curve: 'ed25519', ok: false, message: 'Make a backup.' }],
      },
    });
    await bad.waitForSelector(sel('nav-health'));
    await bad.click(sel('nav-health'));
    await bad.waitForSelector(`${sel('health-checks')} .fail`);
    expect((await text(bad, 'health-status')).toLowerCase()).not.toContain('ok');
    await bad.close();
  });

  it('eject: start, countdown, password, keys shown once with the scalar labelled', async () => {
    const page = await open('popup.html', {
      'wallet.status': status('unlocked'),
      'eject.start': { ejectableUntil: Date.now() + 3_600_000 },
      'eject.confirm': {
        evmPrivateKey: `0x${'ab'.repeat(32)}`,
        solanaScalar: 'cd'.repeat(32),
        addresses: ADDRESSES,
      },
    });
    await page.waitForSelector(sel('nav-eject'));
    await page.click(sel('nav-eject'));
    await page.click(sel('eject-start'));
    await exists(page, ['eject-countdown', 'eject-password']);
    await page.type(sel('eject-password'), 'wallet password');
    await page.click(sel('eject-confirm'));
    await exists(page, ['eject-private-key-evm', 'eject-private-key-solana']);
    expect(await text(page, 'eject-keys')).toContain('cannot import');
    expect(await width(page)).toBeLessThanOrEqual(360);
    await page.click(sel('eject-hide'));
    expect(await page.$(sel('eject-private-key-evm'))).toBeNull();
    await page.close();
  });

  it('no page threw', () => {
    expect(errors).toEqual([]);
  });
});
