// `npm start`: the whole local setup on 127.0.0.1 — enclave simulator, anvil chain, the extension built and
// pinned to that enclave, and a demo dApp page. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules', '.bin', n);
const ENCLAVE_PORT = Number(process.env.ENCLAVE_PORT || 8787);
const ANVIL_PORT = Number(process.env.ANVIL_PORT || 8545);
const DEMO_PORT = Number(process.env.DEMO_PORT || 5173);
const children = [];

function startEnclave() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'enclave-sim/main.ts', '--port', String(ENCLAVE_PORT)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      for (const line of buf.split('\n').slice(0, -1)) {
        try {
          const rec = JSON.parse(line);
          if (rec.event === 'listening') resolve(rec);
        } catch {}
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) =>
      reject(new Error(`enclave-sim exited (${code}); is port ${ENCLAVE_PORT} free?`)),
    );
  });
}

async function startAnvil() {
  const child = spawn(bin('anvil'), ['--host', '127.0.0.1', '--port', String(ANVIL_PORT), '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  children.push(child);
  const url = `http://127.0.0.1:${ANVIL_PORT}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`anvil exited; is port ${ANVIL_PORT} free?`);
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}',
      });
      if (r.ok) return url;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('anvil did not start');
}

function build(enclave, rpcUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('wxt'), ['build'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        WXT_ENCLAVE_URL: enclave.url,
        WXT_ENCLAVE_IDENTITY_KEY: enclave.identityKey,
        WXT_LOCAL_RPC_URL: rpcUrl,
      },
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error('wxt build failed'))));
  });
}

function serveDemo() {
  const html = readFileSync(path.join(root, 'scripts', 'demo-dapp.html'));
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  return new Promise((resolve) => server.listen(DEMO_PORT, '127.0.0.1', () => resolve(server)));
}

function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(0);
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

try {
  const [enclave, rpcUrl] = await Promise.all([startEnclave(), startAnvil()]);
  await build(enclave, rpcUrl);
  await serveDemo();
  console.log(`
Twofold is running:
  enclave simulator  ${enclave.url}   (identity key ${enclave.identityKey})
  local chain        ${rpcUrl}   (anvil, chain id 31337)
  demo dApp          http://127.0.0.1:${DEMO_PORT}/

Load the extension:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked", choose
                   ${path.join(root, '.output', 'chrome-mv3')}
  Firefox:         run \`npm run build:firefox\`, open about:debugging#/runtime/this-firefox,
                   "Load Temporary Add-on", choose ${path.join(root, '.output', 'firefox-mv2', 'manifest.json')}
Then open the demo dApp. Press Ctrl-C to stop.`);
} catch (e) {
  console.error(`npm start failed: ${e.message}`);
  stopAll();
}
