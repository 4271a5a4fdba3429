// `npm test`: typecheck, lint, then unit, integration and end-to-end tests (each project in turn so the
// browser tests do not compete for the two cores with the crypto tests). `--only e2e` runs one project.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';
import { ensureFirefox } from './firefox.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

function run(label, cmd, cmdArgs) {
  const t0 = Date.now();
  console.log(`\n== ${label} ==`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(
    `== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ==`,
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;
// The e2e project runs the Chrome suite and the Firefox ESR files (tests/e2e/firefox-*.test.ts).
process.env.FIREFOX_PATH = ensureFirefox();

if (!only) {
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
  run('lint and format (biome)', 'npx', ['biome', 'check', '.']);
}
for (const project of ['unit', 'integration', 'e2e']) {
  if (only && only !== project) continue;
  run(`${project} tests`, 'npx', ['vitest', 'run', '--project', project]);
}
