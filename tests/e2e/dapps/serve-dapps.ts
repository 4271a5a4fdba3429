import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type StaticServer, serveStatic } from '../../harness/static-server.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Bundle one dApp script (with its library: ethers or viem) into a single browser ES module. */
export async function bundleDapp(entry: 'ethers-dapp.ts' | 'viem-dapp.ts'): Promise<string> {
  const out = await build({
    entryPoints: [path.join(HERE, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const page = (title: string, script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1><script type="module" src="/${script}"></script></body></html>`;

export interface Dapps {
  /** Origin of the ethers v6 dApp (`/`). */
  ethers: StaticServer;
  /** Origin of the viem + EIP-6963 dApp (`/`), a different origin from the ethers one. */
  viem: StaticServer;
  close(): Promise<void>;
}

/** Serve the two dApps on two 127.0.0.1 origins (separate permissions, as two real sites). */
export async function serveDapps(): Promise<Dapps> {
  const [ethersJs, viemJs] = await Promise.all([bundleDapp('ethers-dapp.ts'), bundleDapp('viem-dapp.ts')]);
  const js = 'text/javascript; charset=utf-8';
  const ethers = await serveStatic({
    '/': { body: page('ethers dApp', 'dapp.js') },
    '/dapp.js': { body: ethersJs, type: js },
  });
  const viem = await serveStatic({
    '/': { body: page('viem dApp', 'dapp.js') },
    '/dapp.js': { body: viemJs, type: js },
  });
  return {
    ethers,
    viem,
    close: async () => {
      await Promise.all([ethers.close(), viem.close()]);
    },
  };
}
