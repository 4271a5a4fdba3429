import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// viem 2.x hashes with its own nested @noble/hashes 1.x (`@noble/hashes/sha3`, `@noble/hashes/sha256`, bare
// specifiers only viem uses); point them at the project's 2.x so the background carries one copy of
// keccak/sha256 (same functions, same outputs; viem always passes bytes). Our code imports `….js` paths.
const resolveOwn = createRequire(import.meta.url).resolve;
const nobleHashesForViem = [
  { find: /^@noble\/hashes\/sha3$/, replacement: resolveOwn('@noble/hashes/sha3.js') },
  { find: /^@noble\/hashes\/sha256$/, replacement: resolveOwn('@noble/hashes/sha2.js') },
];

// The gecko id is stable: Firefox keys the extension's storage (and its IndexedDB vault) to it.
export const GECKO_ID = 'wallet@twofold.dev';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // Test harnesses build into their own folder so parallel builds never overwrite each other.
  outDir: process.env.TWOFOLD_OUT_DIR || '.output',
  vite: () => ({ plugins: [preact()], resolve: { alias: nobleHashesForViem } }),
  // WXT auto-imports its storage wrapper wherever an identifier `storage` looks free, and unimport also
  // takes parameters so named (`constructor(private readonly storage: …)`) for free ones; the wrapper runs
  // createStorage() at load, so each such file pulled ~7 kB into the background. The wallet uses
  // browser.storage directly and never this wrapper: drop it from the auto-imports.
  imports: {
    addons: [
      {
        name: 'twofold:no-wxt-storage',
        extendImports: (imports) => imports.filter((i) => i.from !== 'wxt/utils/storage'),
      },
    ],
  },
  // MV3 for Firefox too (WXT defaults Firefox to MV2): the same non-persistent background, storage.session
  // and action API as Chrome; see docs/FIREFOX.md. `wxt build -b firefox --mv2` still builds MV2.
  manifestVersion: 3,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Twofold',
    description: 'A two-party MPC wallet: your key never exists as a single secret.',
    permissions: ['storage', 'alarms', ...(manifestVersion === 2 ? [] : [])],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: 'Twofold' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions arrived in Firefox for Android 142 (desktop 140).
            gecko_android: { strict_min_version: '142.0' },
          },
          // Firefox MV3's default CSP adds upgrade-insecure-requests, which would turn the local
          // ws://127.0.0.1 enclave socket into wss:// (ENVIRONMENT.md); keep scripts to 'self' only.
          ...(manifestVersion === 3
            ? { content_security_policy: { extension_pages: "script-src 'self'" } }
            : { content_security_policy: "script-src 'self'; object-src 'self'" }),
        }
      : {}),
  }),
});
