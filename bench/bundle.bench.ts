import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './harness.ts';

/** Size of the minified background bundle of a production Chrome build (SPEC §11: ≤ 400 kB). */
export const prefix = 'bundle';

export async function run(bench: Bench): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = mkdtempSync(path.join(os.tmpdir(), 'twofold-bundle-'));
  try {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'wxt'), ['build'], {
      cwd: root,
      env: { ...process.env, TWOFOLD_OUT_DIR: out },
      stdio: 'ignore',
    });
    if (r.status !== 0) throw new Error('wxt build failed');
    const bytes = statSync(path.join(out, 'chrome-mv3', 'background.js')).size;
    bench.values('bundle.background_kb', [bytes / 1000], 'kB', 'chrome-mv3/background.js, minified');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
