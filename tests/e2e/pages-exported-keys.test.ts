/**
 * The ejected keys are shown once (SPEC §4.7), in real Chromium with the built extension, the real
 * enclave-sim and anvil.
 * (a) Ejected through the popup: the keys are shown there, the page confirms it, and after reopening the
 *     popup neither Settings nor the eject page offers them again; the background refuses KEY_ALREADY_SHOWN.
 * (b) Ejected through the page API with no page rendering the keys (the popup closed while the eject ran),
 *     in a second browser profile: Settings offers "Show exported keys"; a wrong password shows the error and
 *     no key, the right one shows the keys, which derive the wallet's addresses; then the entry is gone.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Page } from 'puppeteer';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { base58Encode } from '../../src/mpc/frost/index.ts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/chromium.ts';
import { backgroundValue } from '../harness/page-api.ts';
import { byTestId, clickTestId, fillTestId, textOf, UI_TIMEOUT, waitForTestId } from '../harness/page-ui.ts';
import { type Stack, startStack } from '../harness/stack.ts';

const PASSWORD = 'correct horse battery staple';

/** The Solana address (base58 public key) of an exported ed25519 scalar (little-endian hex). */
function solanaAddressOfScalar(scalarHex: string): string {
  return base58Encode(
    ed25519.Point.BASE.multiply(ed25519.Point.Fn.fromBytes(hexToBytes(scalarHex))).toBytes(),
  );
}

/** The page's confirmation is a message of its own: wait until the background recorded it. */
async function waitUntilShownRecorded(page: Page): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await backgroundValue(page, 'wallet.status', {})).exportedKeysShown) {
    if (Date.now() > deadline) throw new Error('the background never recorded the keys as shown');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('popup: the exported keys are shown once', () => {
  let stack: Stack;
  let second: ExtensionBrowser | undefined;
  const pageErrors: string[] = [];

  async function openPopup(chrome: ExtensionBrowser): Promise<Page> {
    const page = await chrome.browser.newPage();
    await page.setViewport({ width: 360, height: 600 });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${chrome.extensionId}/popup.html`);
    return page;
  }

  /** Settings, and whether it offers "Show exported keys". */
  async function settingsOffersKeys(popup: Page): Promise<boolean> {
    await clickTestId(popup, 'nav-settings');
    await waitForTestId(popup, 'settings-change-password');
    return (await popup.$(byTestId('exported-keys-open'))) !== null;
  }

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await second?.close().catch(() => {});
    await stack?.stop();
  });

  describe('(a) ejected through the popup: shown there, never again', () => {
    let popup: Page;
    let addresses: WalletAddresses;

    it('a wallet that was never ejected has no entry in Settings, and the background refuses', async () => {
      popup = await openPopup(stack.chrome);
      addresses = await backgroundValue(popup, 'wallet.generate', { password: PASSWORD });
      await popup.reload();
      await waitForTestId(popup, 'home-view');
      expect(await settingsOffersKeys(popup)).toBe(false);
      await expect(backgroundValue(popup, 'eject.exportedKeys', { password: PASSWORD })).rejects.toThrow(
        /KEY_NOT_EXPORTED/,
      );
    });

    it('eject in the popup: the keys are shown, say "shown once", and derive the addresses', async () => {
      await clickTestId(popup, 'nav-eject');
      // A development build opens the self-service eject window at once.
      await clickTestId(popup, 'eject-start');
      await fillTestId(popup, 'eject-password', PASSWORD);
      await clickTestId(popup, 'eject-confirm');
      await waitForTestId(popup, 'eject-private-key-evm');
      expect(await textOf(popup, 'eject-keys')).toContain('Shown once');
      expect(privateKeyToAddress((await textOf(popup, 'eject-private-key-evm')) as Hex)).toBe(addresses.evm);
      expect(solanaAddressOfScalar(await textOf(popup, 'eject-private-key-solana'))).toBe(addresses.solana);
      await waitUntilShownRecorded(popup);
      await popup.close();
    });

    it('reopened popup: no "Show exported keys" in Settings or on the eject page; the background refuses', async () => {
      popup = await openPopup(stack.chrome);
      await waitForTestId(popup, 'warning-key-exported');
      expect(await settingsOffersKeys(popup)).toBe(false);
      await clickTestId(popup, 'nav-eject');
      await waitForTestId(popup, 'eject-view');
      expect(await popup.$(byTestId('exported-keys-open'))).toBeNull();
      await expect(backgroundValue(popup, 'eject.exportedKeys', { password: PASSWORD })).rejects.toThrow(
        /KEY_ALREADY_SHOWN/,
      );
      await popup.close();
    });
  });

  describe('(b) ejected while no page showed the keys: shown once, behind the password', () => {
    let profile: ExtensionBrowser;
    let popup: Page;
    let addresses: WalletAddresses;
    let ejected: { evmPrivateKey: string; solanaScalar: string };

    it('eject through the page API (nothing renders the keys): Settings offers them', async () => {
      // A fresh profile: one wallet per device, and (a)'s is spent.
      profile = await launchWithExtension(stack.extensionDir);
      second = profile;
      popup = await openPopup(profile);
      addresses = await backgroundValue(popup, 'wallet.generate', { password: PASSWORD });
      await backgroundValue(popup, 'eject.start', {});
      ejected = await backgroundValue(popup, 'eject.confirm', { password: PASSWORD });
      await popup.close();

      popup = await openPopup(profile);
      await waitForTestId(popup, 'warning-key-exported');
      expect((await backgroundValue(popup, 'wallet.status', {})).exportedKeysShown).toBe(false);
      expect(await settingsOffersKeys(popup)).toBe(true);
    });

    it('a wrong password shows the error and no key', async () => {
      await clickTestId(popup, 'exported-keys-open');
      await fillTestId(popup, 'exported-keys-password', 'not the wallet password');
      await clickTestId(popup, 'exported-keys-submit');
      await waitForTestId(popup, 'exported-keys-error');
      expect(await textOf(popup, 'exported-keys-error')).toContain('WRONG_PASSWORD');
      expect(await popup.$(byTestId('exported-keys-secp256k1'))).toBeNull();
      // The typed password does not stay in the field after an attempt.
      expect(
        await popup.$eval(byTestId('exported-keys-password'), (el) => (el as HTMLInputElement).value),
      ).toBe('');
    });

    it('the right password shows the keys the eject stored; they derive the wallet addresses', async () => {
      await fillTestId(popup, 'exported-keys-password', PASSWORD);
      await clickTestId(popup, 'exported-keys-submit');
      await waitForTestId(popup, 'exported-keys-secp256k1');
      const evm = await textOf(popup, 'exported-keys-secp256k1');
      const solana = await textOf(popup, 'exported-keys-ed25519');
      expect(evm).toBe(ejected.evmPrivateKey);
      expect(solana).toBe(ejected.solanaScalar);
      expect(privateKeyToAddress(evm as Hex)).toBe(addresses.evm);
      expect(solanaAddressOfScalar(solana)).toBe(addresses.solana);
      expect(await textOf(popup, 'exported-keys')).toContain('Shown once');
      expect(await popup.$(byTestId('exported-keys-secp256k1-copy'))).not.toBeNull();
      expect(await popup.$(byTestId('exported-keys-ed25519-copy'))).not.toBeNull();
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await waitUntilShownRecorded(popup);
    });

    it('hidden, closed and reopened: the entry is gone, the keys are nowhere, the background refuses', async () => {
      await clickTestId(popup, 'exported-keys-hide');
      await waitForTestId(popup, 'settings-change-password');
      // The status broadcast removes the entry from the open page too.
      await popup.waitForFunction(
        (sel) => document.querySelector(sel) === null,
        UI_TIMEOUT,
        byTestId('exported-keys-open'),
      );
      await popup.close();

      popup = await openPopup(profile);
      await waitForTestId(popup, 'warning-key-exported');
      expect(await settingsOffersKeys(popup)).toBe(false);
      await clickTestId(popup, 'nav-eject');
      await waitForTestId(popup, 'eject-view');
      expect(await popup.$(byTestId('exported-keys-open'))).toBeNull();
      const body = (await popup.evaluate(() => document.body.textContent)) ?? '';
      expect(body).not.toContain(ejected.evmPrivateKey.slice(2));
      expect(body).not.toContain(ejected.solanaScalar);
      await expect(backgroundValue(popup, 'eject.exportedKeys', { password: PASSWORD })).rejects.toThrow(
        /KEY_ALREADY_SHOWN/,
      );
      expect(pageErrors).toEqual([]);
    });
  });
});
