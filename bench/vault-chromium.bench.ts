import type { Page } from 'puppeteer';
import { backgroundValue, timeBackgroundRequest } from '../tests/harness/page-api.ts';
import { type Stack, startStack } from '../tests/harness/stack.ts';
import type { Bench } from './harness.ts';

/**
 * `vault.unlock`: what the popup waits for after the user types the password, in real Chromium with the
 * built extension — the page request to the background service worker, scrypt at the shipped parameters
 * (N = 2^17, r = 8, p = 1), unwrapping the vault key, the derived key into storage.session, and the reply.
 * The wallet is generated once against the real enclave-sim; each sample is lock → timed unlock.
 */
export const prefix = 'vault';

const PASSWORD = 'correct horse battery staple';
const SAMPLES = 7;

export async function run(bench: Bench): Promise<void> {
  let stack: Stack | undefined;
  try {
    stack = await startStack();
    const page: Page = await stack.chrome.browser.newPage();
    await page.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    await backgroundValue(page, 'wallet.generate', { password: PASSWORD });
    const samples: number[] = [];
    for (let i = -1; i < SAMPLES; i++) {
      await backgroundValue(page, 'wallet.lock', {});
      const { ms, result } = await timeBackgroundRequest(page, 'wallet.unlock', { password: PASSWORD });
      if (!result.ok || result.value.state !== 'unlocked')
        throw new Error('bench: the wallet did not unlock');
      if (i >= 0) samples.push(ms);
    }
    bench.values(
      'vault.unlock',
      samples,
      'ms',
      'Chromium, popup → background: scrypt N=2^17 r=8 p=1 + unwrap',
    );
  } finally {
    await stack?.stop();
  }
}
