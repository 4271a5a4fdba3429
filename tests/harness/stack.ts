import path from 'node:path';
import { type AnvilChain, startAnvil } from './anvil.ts';
import { type ExtensionBrowser, launchWithExtension } from './chromium.ts';
import { type RunningEnclave, startEnclave } from './enclave.ts';
import { buildExtension } from './extension-build.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './firefox.ts';
import { tempDir } from './processes.ts';

/** The parts every stack has: the enclave-sim process, anvil, and the extension built pinned to them. */
interface Backends {
  enclave: RunningEnclave;
  anvil: AnvilChain;
  extensionDir: string;
  stop(): Promise<void>;
}

/** Everything a user meets, for real: enclave-sim process, anvil, the built extension in Chromium. */
export interface Stack extends Backends {
  chrome: ExtensionBrowser;
}

/** The Firefox counterpart: the Firefox build pinned to the same kind of backends, in Firefox ESR. */
export interface FirefoxStack extends Backends {
  firefox: FirefoxWithExtension;
}

/** Start enclave and anvil, build the extension for `browser` pinned to them, launch the browser with it. */
async function startBrowserStack<B extends { close(): Promise<void> }>(
  browser: 'chrome' | 'firefox',
  launch: (extensionDir: string) => Promise<B>,
): Promise<Backends & { launched: B }> {
  const work = tempDir(browser === 'chrome' ? 'stack' : 'ffstack');
  const [enclave, anvil] = await Promise.all([startEnclave(), startAnvil()]);
  try {
    const extensionDir = await buildExtension(
      {
        enclaveUrl: enclave.url,
        enclaveIdentityKey: enclave.identityKey,
        localRpcUrl: anvil.rpcUrl,
        ...(browser === 'firefox' ? { browser } : {}),
      },
      path.join(work.path, 'build'),
    );
    const launched = await launch(extensionDir);
    return {
      enclave,
      anvil,
      extensionDir,
      launched,
      async stop() {
        await launched.close().catch(() => {});
        await Promise.all([enclave.stop(), anvil.stop()]);
        work.remove();
      },
    };
  } catch (e) {
    await Promise.all([enclave.stop(), anvil.stop()]);
    work.remove();
    throw e;
  }
}

export async function startStack(): Promise<Stack> {
  const { launched, ...rest } = await startBrowserStack('chrome', (dir) => launchWithExtension(dir));
  return { ...rest, chrome: launched };
}

export async function startFirefoxStack(): Promise<FirefoxStack> {
  const { launched, ...rest } = await startBrowserStack('firefox', launchFirefoxWithExtension);
  return { ...rest, firefox: launched };
}
