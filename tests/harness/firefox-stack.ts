import path from 'node:path';
import { type AnvilChain, startAnvil } from './anvil.ts';
import { type RunningEnclave, startEnclave } from './enclave.ts';
import { buildExtension } from './extension-build.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './firefox.ts';
import { tempDir } from './processes.ts';

/** The Firefox counterpart of stack.ts: enclave-sim, anvil, the Firefox build pinned to them, Firefox ESR. */
export interface FirefoxStack {
  enclave: RunningEnclave;
  anvil: AnvilChain;
  extensionDir: string;
  firefox: FirefoxWithExtension;
  stop(): Promise<void>;
}

export async function startFirefoxStack(): Promise<FirefoxStack> {
  const work = tempDir('ffstack');
  const [enclave, anvil] = await Promise.all([startEnclave(), startAnvil()]);
  try {
    const extensionDir = await buildExtension(
      {
        enclaveUrl: enclave.url,
        enclaveIdentityKey: enclave.identityKey,
        localRpcUrl: anvil.rpcUrl,
        browser: 'firefox',
      },
      path.join(work.path, 'build'),
    );
    const firefox = await launchFirefoxWithExtension(extensionDir);
    return {
      enclave,
      anvil,
      extensionDir,
      firefox,
      async stop() {
        await firefox.close().catch(() => {});
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
