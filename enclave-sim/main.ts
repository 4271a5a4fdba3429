import { mkdirSync } from 'node:fs';
import { parseEnclaveConfig } from './config.ts';
import { loadOrCreateIdentity } from './identity.ts';
import { jsonLogger } from './log.ts';
import { startEnclaveServer } from './server.ts';

// `npm run enclave [-- --host H --port P --data-dir D --identity-key-file F]`
const config = parseEnclaveConfig(process.argv.slice(2), process.env);
const log = jsonLogger();
mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
const identity = loadOrCreateIdentity(config.identityKeyFile);
const server = await startEnclaveServer({ host: config.host, port: config.port, identity, log });
// Harnesses read this line to learn the URL and the identity key to pin in the extension build.
log('info', { event: 'listening', url: server.url, identityKey: identity.publicKeyHex });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', { event: 'shutdown', op: signal });
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
