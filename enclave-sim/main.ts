import { ADMIN_COMMANDS, runAdmin } from './admin.ts';
import { startEnclave } from './app.ts';
import { flagReader, parseEnclaveConfig } from './config.ts';
import { jsonLogger } from './log.ts';

// `npm run enclave [-- --host H --port P --data-dir D --identity-key-file F --dev-raw-digests
//   --self-service-eject-delay SECONDS --paillier-pool N]`, or an admin command: `npm run enclave -- enable-eject --wallet ID
//   --until ISO`, `list-wallets`, `show-wallet --wallet ID` (each with the same --data-dir).
const argv = process.argv.slice(2);
const command = argv[0];
if (command && (ADMIN_COMMANDS as readonly string[]).includes(command)) {
  process.exit(runAdmin(command, argv.slice(1), process.env));
}

const config = parseEnclaveConfig(argv, process.env);
// Paillier keys kept ready, made in idle time (0: each new ECDSA pair makes its own on demand).
const poolText = flagReader(argv).flag('paillier-pool') ?? process.env.ENCLAVE_PAILLIER_POOL ?? '2';
const poolSize = Number(poolText);
if (!Number.isInteger(poolSize) || poolSize < 0) throw new Error(`invalid Paillier pool size: ${poolText}`);
const log = jsonLogger();
if (config.devSafePrimesFile) log('warn', { event: 'dev_safe_primes' });
if (config.devRawDigests) log('warn', { event: 'dev_raw_digests' });
// Benches wait for `paillier_pool_ready` to measure key generation with the pool refilled in idle time.
const { server, state, pool } = await startEnclave(config, process.env, log, poolSize, (count) =>
  log('info', { event: 'paillier_pool_ready', count }),
);
// Harnesses read this line to learn the URL and the identity key to pin in the extension build.
log('info', { event: 'listening', url: server.url, identityKey: state.identity.publicKeyHex });
// The one-time Pedersen setup (seconds on a first start) runs on the first ECDSA need, never at start-up:
// a synchronous setup would also hold up a SIGTERM arriving meanwhile.

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', { event: 'shutdown', op: signal });
  pool?.stop();
  await server.close();
  state.db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
