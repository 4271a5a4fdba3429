import path from 'node:path';
import { type AnvilChain, startAnvil } from './anvil.ts';
import { type ExtensionBrowser, launchWithExtension } from './chromium.ts';
import { type RunningEnclave, startEnclave } from './enclave.ts';
import { buildExtension } from './extension-build.ts';
import { tempDir } from './processes.ts';

/** Everything a user meets, for real: enclave-sim process, anvil, the built extension in Chromium. */
export interface Stack {
  enclave: RunningEnclave;
  anvil: AnvilChain;
  extensionDir: string;
  chrome: ExtensionBrowser;
  stop(): Promise<void>;
}

/** Start enclave and anvil, build the extension pinned to them, launch Chromium with it. */
export async function startStack(): Promise<Stack> {
  const work = tempDir('stack');
  const [enclave, anvil] = await Promise.all([startEnclave(), startAnvil()]);
  try {
    const extensionDir = await buildExtension(
      { enclaveUrl: enclave.url, enclaveIdentityKey: enclave.identityKey, localRpcUrl: anvil.rpcUrl },
      path.join(work.path, 'build'),
    );
    const chrome = await launchWithExtension(extensionDir);
    return {
      enclave,
      anvil,
      extensionDir,
      chrome,
      async stop() {
        await chrome.close().catch(() => {});
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
