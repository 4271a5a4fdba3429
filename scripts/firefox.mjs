// Finds the system Firefox (ESR) for the Firefox browser tests; installs Debian's firefox-esr when running as
// root with apt, like chromium.mjs does for Chromium.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function findFirefox() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const HOW = `No Firefox was found for the Firefox end-to-end tests.
Install Debian's Firefox ESR:  sudo apt-get update && sudo apt-get install -y firefox-esr
or point the tests at one:     FIREFOX_PATH=/path/to/firefox npm test
(puppeteer is configured never to download a browser.)`;

export function ensureFirefox() {
  let found = findFirefox();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("Firefox is missing: installing Debian's firefox-esr with apt-get (root, apt available)...");
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr', {
      stdio: 'inherit',
    });
    found = findFirefox();
    if (found) return found;
  }
  console.error(HOW);
  process.exit(1);
}
