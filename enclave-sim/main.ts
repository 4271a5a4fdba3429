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

// Signal handlers go in before anything starts or is announced: the `listening` line below wakes whoever
// waits for it, and a SIGTERM sent on that cue could otherwise arrive before a handler exists and kill the
// process with Node's default action (no drain, store not closed).
let service: Awaited<ReturnType<typeof startEnclave>> | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', { event: 'shutdown', op: signal });
  // Stopped while still starting: the start-up below sees `stopping` and ends here.
  if (service) await closeAndExit(service);
};
async function closeAndExit({ server, state, pool }: NonNullable<typeof service>): Promise<never> {
  pool?.stop();
  await server.close();
  state.db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

if (config.devSafePrimesFile) log('warn', { event: 'dev_safe_primes' });
if (config.devRawDigests) log('warn', { event: 'dev_raw_digests' });
// Benches wait for `paillier_pool_ready` to measure key generation with the pool refilled in idle time.
service = await startEnclave(config, process.env, log, poolSize, (count) =>
  log('info', { event: 'paillier_pool_ready', count }),
);
if (stopping) await closeAndExit(service);
// Harnesses read this line to learn the URL and the identity key to pin in the extension build.
log('info', {
  event: 'listening',
  url: service.server.url,
  identityKey: service.state.identity.publicKeyHex,
});
// The one-time Pedersen setup (seconds on a first start) runs on the first ECDSA need, never at start-up:
// a synchronous setup would also hold up a SIGTERM arriving meanwhile.
