import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type StaticServer, serveStatic } from '../../harness/static-server.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Bundle the Solana dApp (kit + @wallet-standard/app) and serve it on a 127.0.0.1 origin. */
export async function serveSolanaDapp(): Promise<StaticServer> {
  const out = await build({
    entryPoints: [path.join(HERE, 'solana-dapp.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return serveStatic({
    '/': {
      body:
        '<!doctype html><html><head><meta charset="utf-8"><title>Solana dApp</title></head>' +
        '<body><h1>Solana dApp</h1><script type="module" src="/dapp.js"></script></body></html>',
    },
    '/dapp.js': { body: out.outputFiles[0]!.text, type: 'text/javascript; charset=utf-8' },
  });
}
