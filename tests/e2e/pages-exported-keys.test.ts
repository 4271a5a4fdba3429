/**
 * "Show exported keys" in real Chromium with the built extension, the real enclave-sim and anvil: a wallet
 * made through the page API is ejected through the popup (the keys shown once there), the popup is closed
 * and opened again, and Settings → Show exported keys asks for the password: a wrong one shows the error and
 * no key, the right one shows the same keys, which derive the wallet's addresses. Hiding them, or leaving
 * the view, drops them: the next visit asks for the password again.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Page } from 'puppeteer';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { base58Encode } from '../../src/mpc/frost/index.ts';
import { backgroundValue } from '../harness/page-api.ts';
import { byTestId, clickTestId, fillTestId, textOf, waitForTestId } from '../harness/page-ui.ts';
import { type Stack, startStack } from '../harness/stack.ts';

const PASSWORD = 'correct horse battery staple';

/** The Solana address (base58 public key) of an exported ed25519 scalar (little-endian hex). */
function solanaAddressOfScalar(scalarHex: string): string {
  return base58Encode(
    ed25519.Point.BASE.multiply(ed25519.Point.Fn.fromBytes(hexToBytes(scalarHex))).toBytes(),
  );
}

describe('popup: show the exported keys of an ejected wallet again, behind the password', () => {
  let stack: Stack;
  let popup: Page;
  let addresses: WalletAddresses;
  let ejected: { evm: string; solana: string };
  const pageErrors: string[] = [];

  async function openPopup(): Promise<Page> {
    const page = await stack.chrome.browser.newPage();
    await page.setViewport({ width: 360, height: 600 });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    return page;
  }

  beforeAll(async () => {
    stack = await startStack();
    popup = await openPopup();
    addresses = await backgroundValue(popup, 'wallet.generate', { password: PASSWORD });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a wallet that was never ejected has no entry in Settings, and the background refuses', async () => {
    await popup.reload();
    await waitForTestId(popup, 'home-view');
    await clickTestId(popup, 'nav-settings');
    await waitForTestId(popup, 'settings-change-password');
    expect(await popup.$(byTestId('exported-keys-open'))).toBeNull();
    await expect(backgroundValue(popup, 'eject.exportedKeys', { password: PASSWORD })).rejects.toThrow(
      /KEY_NOT_EXPORTED/,
    );
  });

  it('eject through the popup: the keys are shown there and derive the addresses', async () => {
    await clickTestId(popup, 'nav-eject');
    // A development build opens the self-service eject window at once.
    await clickTestId(popup, 'eject-start');
    await fillTestId(popup, 'eject-password', PASSWORD);
    await clickTestId(popup, 'eject-confirm');
    await waitForTestId(popup, 'eject-private-key-evm');
    ejected = {
      evm: await textOf(popup, 'eject-private-key-evm'),
      solana: await textOf(popup, 'eject-private-key-solana'),
    };
    expect(privateKeyToAddress(ejected.evm as Hex)).toBe(addresses.evm);
    expect(solanaAddressOfScalar(ejected.solana)).toBe(addresses.solana);
    await popup.close();
  });

  it('reopened popup: Settings → Show exported keys; a wrong password shows the error and no key', async () => {
    popup = await openPopup();
    await waitForTestId(popup, 'warning-key-exported');
    await clickTestId(popup, 'nav-settings');
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

  it('the right password shows the same keys; they derive the wallet addresses', async () => {
    await fillTestId(popup, 'exported-keys-password', PASSWORD);
    await clickTestId(popup, 'exported-keys-submit');
    await waitForTestId(popup, 'exported-keys-secp256k1');
    const evm = await textOf(popup, 'exported-keys-secp256k1');
    const solana = await textOf(popup, 'exported-keys-ed25519');
    expect(evm).toBe(ejected.evm);
    expect(solana).toBe(ejected.solana);
    expect(privateKeyToAddress(evm as Hex)).toBe(addresses.evm);
    expect(solanaAddressOfScalar(solana)).toBe(addresses.solana);
    expect(await popup.$(byTestId('exported-keys-secp256k1-copy'))).not.toBeNull();
    expect(await popup.$(byTestId('exported-keys-ed25519-copy'))).not.toBeNull();
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('hiding or leaving drops the keys: the next visit (here from the eject page) asks again', async () => {
    await clickTestId(popup, 'exported-keys-hide');
    await waitForTestId(popup, 'settings-change-password');
    expect(await popup.$(byTestId('exported-keys-secp256k1'))).toBeNull();

    await clickTestId(popup, 'nav-eject');
    await clickTestId(popup, 'exported-keys-open');
    await fillTestId(popup, 'exported-keys-password', PASSWORD);
    await clickTestId(popup, 'exported-keys-submit');
    await waitForTestId(popup, 'exported-keys-secp256k1');
    await clickTestId(popup, 'nav-home');
    await waitForTestId(popup, 'home-view');
    await clickTestId(popup, 'nav-settings');
    await clickTestId(popup, 'exported-keys-open');
    await waitForTestId(popup, 'exported-keys-password');
    expect(await popup.$(byTestId('exported-keys-secp256k1'))).toBeNull();
    const body = (await popup.evaluate(() => document.body.textContent)) ?? '';
    expect(body).not.toContain(ejected.evm.slice(2));
    expect(body).not.toContain(ejected.solana);
    expect(pageErrors).toEqual([]);
  });
});
