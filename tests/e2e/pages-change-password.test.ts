/**
 * Settings → Change password in real Chromium with the built extension, the real enclave-sim and anvil,
 * driven by data-testids: a wallet made through onboarding; the popup refuses a mismatch, the current
 * password as the new one and a weak one before asking the background; a wrong current password is refused
 * (then with the growing delay stated); the right one changes it and the wallet stays unlocked; after a lock
 * the old password is refused and the new one unlocks.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, clickTestId, fillTestId, textOf, waitForTestId } from '../harness/page-ui.ts';
import { type Stack, startStack } from '../harness/stack.ts';

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new wallet passphrase';
const T = { timeout: 90_000 };

const sel = byTestId;
const text = textOf;
const waitFor = waitForTestId;
const fill = fillTestId;
const click = clickTestId;

/** Fill the three fields and submit. */
async function submitChange(page: Page, current: string, next: string, confirm: string): Promise<void> {
  await fill(page, 'change-password-current', current);
  await fill(page, 'change-password-new', next);
  await fill(page, 'change-password-confirm', confirm);
  await click(page, 'change-password-submit');
}

/** The wallet state as the background reports it (asked from an extension page). */
function walletState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const runtime = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime;
    const r = (await runtime.sendMessage({
      channel: 'twofold:page',
      type: 'wallet.status',
      payload: {},
    })) as {
      value?: { state: string };
    };
    return r.value?.state ?? 'no answer';
  });
}

describe('popup: change the wallet password', () => {
  let stack: Stack;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function open(file: string, popup: boolean): Promise<Page> {
    const page = await stack.chrome.browser.newPage();
    await page.setViewport(popup ? { width: 360, height: 600 } : { width: 800, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(`${file}: ${e}`));
    await page.goto(`chrome-extension://${stack.chrome.extensionId}/${file}`);
    return page;
  }

  it('refuses bad input and a wrong current password, changes it, and only the new one unlocks', async () => {
    const onboarding = await open('onboarding.html', false);
    await fill(onboarding, 'onboarding-password', OLD_PASSWORD);
    await fill(onboarding, 'onboarding-password-confirm', OLD_PASSWORD);
    await click(onboarding, 'onboarding-create');
    await waitFor(onboarding, 'wallet-address-evm');
    await onboarding.close();

    const popup = await open('popup.html', true);
    await waitFor(popup, 'home-view');
    await click(popup, 'nav-settings');
    await click(popup, 'settings-change-password');
    await waitFor(popup, 'change-password-view');
    expect(await popup.$eval(sel('nav-settings'), (b) => b.getAttribute('aria-current'))).toBe('page');

    // Refused in the page, before the background is asked.
    await submitChange(popup, OLD_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    await waitFor(popup, 'change-password-problem');
    expect(await text(popup, 'change-password-problem')).toContain('The two new passwords differ');
    await submitChange(popup, OLD_PASSWORD, OLD_PASSWORD, OLD_PASSWORD);
    expect(await text(popup, 'change-password-problem')).toContain('same as the current one');
    await submitChange(popup, OLD_PASSWORD, 'short', 'short');
    expect(await text(popup, 'change-password-problem')).toContain('too weak');
    expect(await text(popup, 'password-strength')).toContain('Too short');
    expect(await popup.$(sel('change-password-error'))).toBeNull();

    // A wrong current password: the background's typed error; the second one states the growing delay.
    await submitChange(popup, 'not the password', NEW_PASSWORD, NEW_PASSWORD);
    await waitFor(popup, 'change-password-error');
    expect(await popup.$(sel('change-password-problem'))).toBeNull();
    let shown = await text(popup, 'change-password-error');
    expect(shown).toContain('The password is incorrect');
    expect(shown).toContain('WRONG_PASSWORD');
    expect(await popup.$eval(sel('change-password-current'), (i) => (i as HTMLInputElement).value)).toBe('');
    await submitChange(popup, 'still not the password', NEW_PASSWORD, NEW_PASSWORD);
    await popup.waitForFunction(
      (s: string) => document.querySelector(s)?.textContent?.includes('wait 1 s'),
      T,
      sel('change-password-error'),
    );
    shown = await text(popup, 'change-password-error');
    expect(shown).toContain('WRONG_PASSWORD');
    expect(await popup.$(sel('change-password-done'))).toBeNull();

    // Let the 1 s delay pass (not a timed assertion: only the next attempt must come after it).
    await new Promise((r) => setTimeout(r, 1_500));
    await submitChange(popup, OLD_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    await waitFor(popup, 'change-password-done');
    expect(await popup.$(sel('change-password-error'))).toBeNull();
    for (const id of ['change-password-current', 'change-password-new', 'change-password-confirm'])
      expect(await popup.$eval(sel(id), (i) => (i as HTMLInputElement).value)).toBe('');
    expect(await walletState(popup)).toBe('unlocked');
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Still unlocked: the rest of the popup works without a new unlock.
    await click(popup, 'nav-home');
    await waitFor(popup, 'wallet-address-evm');

    await click(popup, 'lock');
    await waitFor(popup, 'unlock-password');
    await fill(popup, 'unlock-password', OLD_PASSWORD);
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'error');
    expect(await text(popup, 'error')).toContain('WRONG_PASSWORD');
    expect(await walletState(popup)).toBe('locked');
    await fill(popup, 'unlock-password', NEW_PASSWORD);
    await click(popup, 'unlock-submit');
    await waitFor(popup, 'home-view');
    expect(await walletState(popup)).toBe('unlocked');
    await popup.close();
  });

  it('no page threw', () => {
    expect(pageErrors).toEqual([]);
  });
});
