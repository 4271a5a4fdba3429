// Finds the system Chromium for the browser tests; installs Debian's package when running as root with apt.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const HOW = `No Chromium was found for the end-to-end tests.
Install Debian's Chromium:   sudo apt-get update && sudo apt-get install -y chromium
or point the tests at one:   CHROMIUM_PATH=/path/to/chromium npm test
(puppeteer is configured never to download a browser.)`;

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("Chromium is missing: installing Debian's chromium with apt-get (root, apt available)...");
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
    found = findChromium();
    if (found) return found;
  }
  console.error(HOW);
  process.exit(1);
}
