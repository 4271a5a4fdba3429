import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT } from './processes.ts';

export interface ExtensionBuildConfig {
  enclaveUrl: string;
  enclaveIdentityKey: string;
  localRpcUrl: string;
  browser?: 'chrome' | 'firefox';
}

/**
 * Build the extension the way a developer would (`wxt build`), pinned to the given enclave and chain, into a
 * folder of its own under .tmp/ (so a test's build never overwrites `.output`). Returns the unpacked dir.
 */
export async function buildExtension(cfg: ExtensionBuildConfig, outDir: string): Promise<string> {
  const browser = cfg.browser ?? 'chrome';
  const args = ['build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(BIN('wxt'), args, {
      cwd: ROOT,
      env: {
        ...process.env,
        TWOFOLD_OUT_DIR: outDir,
        WXT_ENCLAVE_URL: cfg.enclaveUrl,
        WXT_ENCLAVE_IDENTITY_KEY: cfg.enclaveIdentityKey,
        WXT_LOCAL_RPC_URL: cfg.localRpcUrl,
        WXT_DEFAULT_CHAIN_ID: '31337',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wxt build failed:\n${out}`))));
  });
  return path.join(outDir, browser === 'firefox' ? 'firefox-mv3' : 'chrome-mv3');
}
