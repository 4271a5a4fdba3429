import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Target, type WebWorker } from 'puppeteer';
import { tempDir } from './processes.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The system Chromium used by the tests (puppeteer never downloads one), or null. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  /** The background service worker target (re-found after a restart). */
  serviceWorker(): Promise<Target>;
  /** Stop the background worker the way Chrome does when it idles; the next event starts it again. */
  restartServiceWorker(): Promise<void>;
  close(): Promise<void>;
  userDataDir: string;
}

const isBackground = (t: Target) => t.type() === 'service_worker' && t.url().endsWith('/background.js');

/** Launch headless Chromium with the unpacked extension, resolving nothing but loopback (ENVIRONMENT.md). */
export async function launchWithExtension(
  extensionDir: string,
  opts: { userDataDir?: string } = {},
): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium found: run `apt-get install -y chromium` or set CHROMIUM_PATH.');
  const owned = opts.userDataDir ? null : tempDir('profile');
  const userDataDir = opts.userDataDir ?? owned!.path;
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-gpu',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  const sw = await browser.waitForTarget(isBackground, { timeout: 30_000 });
  const extensionId = new URL(sw.url()).host;
  return {
    browser,
    extensionId,
    userDataDir,
    serviceWorker: () => browser.waitForTarget(isBackground, { timeout: 30_000 }),
    async restartServiceWorker() {
      const target = await browser.waitForTarget(isBackground, { timeout: 30_000 });
      const worker = (await target.worker()) as WebWorker | null;
      await worker?.close();
    },
    async close() {
      await browser.close();
      owned?.remove();
    },
  };
}
