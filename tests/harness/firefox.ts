import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { GECKO_ID } from '../../wxt.config.ts';
import { type RefusingProxy, startRefusingProxy } from './loopback-proxy.ts';
import { tempDir } from './processes.ts';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The system Firefox (ESR) used by the tests (puppeteer never downloads one), or null. */
export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Prefs that keep Firefox on loopback (ENVIRONMENT.md): no DoH, prefetch or speculative connections, no
 * captive-portal/connectivity checks, telemetry, studies, updates of any kind, Safe Browsing, push,
 * geolocation, translations/ML, and a dummy remote-settings server. Whatever is left goes to the 403 proxy.
 */
export function loopbackPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // Everything but loopback through the refusing proxy; loopback never goes through a proxy.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    // Name resolution and connections made ahead of time.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.urlbar.speculativeConnect.enabled': false,
    'browser.places.speculativeConnect.enabled': false,
    // Network checks.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'network.connectivity-service.IPv4.url': '',
    'network.connectivity-service.IPv6.url': '',
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.certerrors.mitm.priming.enabled': false,
    // Telemetry, studies, reporting.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'app.shield.optoutstudies.enabled': false,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'browser.ping-centre.telemetry': false,
    'browser.crashReports.unsubmittedCheck.enabled': false,
    'breakpad.reportURL': '',
    'browser.tabs.crashReporting.sendReport': false,
    // Updates: application, add-ons, system add-ons, GMP plugins, search, region, UA overrides.
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.update.url': '',
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.blocklist.enabled': false,
    'extensions.abuseReport.enabled': false,
    'extensions.webservice.discoverURL': '',
    'media.gmp-manager.url': '',
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'browser.search.update': false,
    'browser.search.geoip.url': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'general.useragent.updates.enabled': false,
    // Safe Browsing lists.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    // Push, geolocation, translations and on-device ML (they fetch models), new-tab content, accounts.
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'geo.enabled': false,
    'geo.provider.network.url': '',
    'browser.translations.enable': false,
    'browser.translations.automaticallyPopup': false,
    'browser.ml.enable': false,
    'browser.ml.chat.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'browser.urlbar.suggest.quicksuggest.nonsponsored': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.discovery.enabled': false,
    'identity.fxaccounts.enabled': false,
    'services.sync.engine.addons': false,
    'signon.management.page.breach-alerts.enabled': false,
    'browser.contentblocking.report.monitor.enabled': false,
    'network.sntp.pools': '',
    'browser.startup.homepage': 'about:blank',
    'browser.startup.page': 0,
    'startup.homepage_welcome_url': 'about:blank',
    // Remote settings: a dummy server (honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the env).
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The preset moz-extension:// UUID, so extension pages have known URLs. */
  uuid: string;
  /** `moz-extension://<uuid>` (no trailing slash). */
  origin: string;
  /** The 403 proxy: every request Firefox tried to send off the machine. */
  proxy: RefusingProxy;
  /** Where Firefox saves downloads (the backup file lands here). */
  downloadDir: string;
  /** Open an extension page (e.g. `popup.html`) in a new tab and wait until it has loaded. */
  openExtensionPage(pagePath: string): Promise<Page>;
  /** Stop the background (event page) the way Firefox does when it idles; the next event wakes it. */
  suspendBackground(): Promise<void>;
  /** What about:debugging says about the background script: 'Running' or 'Stopped'. */
  backgroundStatus(): Promise<string>;
  /** Manifest warnings and errors about:debugging shows for the installed extension. */
  installMessages(): Promise<string[]>;
  close(): Promise<void>;
}

/** Wait until `page` shows `url` fully loaded (moz-extension navigations never resolve `goto`). */
export async function waitForLoaded(page: Page, url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await page
      .evaluate(
        (u) => location.href.split('#')[0] === u.split('#')[0] && document.readyState === 'complete',
        url,
      )
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const DEBUGGING_URL = 'about:debugging#/runtime/this-firefox';

/** The background state about:debugging shows for our add-on ('Running', 'Stopped', ...). */
async function backgroundStatus(page: Page): Promise<string> {
  return page.evaluate((id) => {
    const card = [...document.querySelectorAll('li')].find((li) => li.textContent?.includes(id));
    return card?.textContent?.match(/Background script\s*(Running|Stopped)/)?.[1] ?? 'unknown';
  }, GECKO_ID);
}

/**
 * The approval window the background opened (one not in `skip`). Over BiDi, puppeteer keeps moz-extension
 * pages listed as about:blank, so each page is asked where it is.
 */
export async function findApprovalWindow(
  browser: Browser,
  opts: { skip?: ReadonlySet<Page>; timeoutMs?: number } = {},
): Promise<Page> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    for (const p of await browser.pages()) {
      if (opts.skip?.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.endsWith('/approval.html')) return p;
    }
    if (Date.now() > deadline) throw new Error('no approval window opened in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Navigate `page` to a moz-extension:// URL: start the navigation without awaiting it, poll readiness. */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url).catch(() => {});
  await waitForLoaded(page, url);
  await page.bringToFront();
}

/**
 * Launch headless Firefox ESR over WebDriver BiDi with the unpacked extension installed as a temporary
 * add-on, its UUID preset, loopback-only prefs, a refusing proxy for anything else, and HOME/TMPDIR in a
 * folder the test owns (removed by close()).
 */
export async function launchFirefoxWithExtension(
  extensionDir: string,
  opts: { extraPrefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const executablePath = findFirefox();
  if (!executablePath)
    throw new Error('No Firefox found: run `apt-get install -y firefox-esr` or set FIREFOX_PATH.');
  const work = tempDir('firefox');
  const home = path.join(work.path, 'home');
  const tmp = path.join(work.path, 'tmp');
  const profile = path.join(work.path, 'profile');
  const downloadDir = path.join(work.path, 'downloads');
  for (const d of [home, tmp, profile, downloadDir]) mkdirSync(d, { recursive: true });
  const uuid = randomUUID();
  const proxy = await startRefusingProxy();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      env: {
        ...process.env,
        HOME: home,
        TMPDIR: tmp,
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
        MOZ_CRASHREPORTER_DISABLE: '1',
      },
      extraPrefsFirefox: {
        ...loopbackPrefs(proxy.port),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // Downloads go straight to a folder the test reads, without a dialog.
        'browser.download.dir': downloadDir,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.download.panel.shown': true,
        ...opts.extraPrefs,
      },
    });
  } catch (e) {
    await proxy.close();
    work.remove();
    throw e;
  }
  const origin = `moz-extension://${uuid}`;
  // about:debugging is where Firefox itself shows a temporary add-on's background state and manifest
  // warnings, and its "Terminate background script" runs the same suspension as the idle timeout.
  let debuggingPage: Page | null = null;
  const debugging = async (): Promise<Page> => {
    if (debuggingPage && !debuggingPage.isClosed()) return debuggingPage;
    const page = await browser.newPage();
    void page.goto(DEBUGGING_URL).catch(() => {});
    const deadline = Date.now() + 20_000;
    while (
      !(await page.evaluate((id) => !!document.body?.textContent?.includes(id), GECKO_ID).catch(() => false))
    ) {
      if (Date.now() > deadline) throw new Error('about:debugging did not list the extension in 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    debuggingPage = page;
    return page;
  };
  try {
    await browser.installExtension(extensionDir);
  } catch (e) {
    await browser.close().catch(() => {});
    await proxy.close();
    work.remove();
    throw e;
  }
  return {
    browser,
    uuid,
    origin,
    proxy,
    downloadDir,
    async openExtensionPage(pagePath) {
      const page = await browser.newPage();
      await gotoExtensionPage(page, `${origin}/${pagePath.replace(/^\//, '')}`);
      return page;
    },
    suspendBackground: async () => {
      const page = await debugging();
      await page.bringToFront();
      // A click that lands before about:debugging has attached to the add-on does nothing: click again
      // every 2 s until the page reports the background stopped.
      const deadline = Date.now() + 15_000;
      let lastClick = 0;
      while ((await backgroundStatus(page)) !== 'Stopped') {
        if (Date.now() > deadline) throw new Error('the background did not stop in 15 s');
        if (Date.now() - lastClick > 2_000) {
          lastClick = Date.now();
          const clicked = await page.evaluate(
            (id, selector) => {
              const card = [...document.querySelectorAll('li')].find((li) => li.textContent?.includes(id));
              const button = card?.querySelector<HTMLButtonElement>(selector);
              button?.click();
              return !!button;
            },
            GECKO_ID,
            '.qa-temporary-extension-terminate-bgscript-button',
          );
          if (!clicked) throw new Error('about:debugging shows no terminate button for the extension');
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    backgroundStatus: async () => backgroundStatus(await debugging()),
    installMessages: async () => {
      const page = await debugging();
      return page.evaluate((id) => {
        const card = [...document.querySelectorAll('li')].find((li) => li.textContent?.includes(id));
        return [...(card?.querySelectorAll('.qa-message') ?? [])].map((m) => m.textContent ?? '');
      }, GECKO_ID);
    },
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
      work.remove();
    },
  };
}
