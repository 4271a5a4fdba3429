import { existsSync } from 'node:fs';
import path from 'node:path';

export interface EnclaveConfig {
  host: string;
  port: number;
  dataDir: string;
  identityKeyFile: string;
  /** Accept raw 32-byte ECDSA digests (test builds only; SPEC §5.3 item 10). */
  devRawDigests: boolean;
  /** Self-service eject: delay before a requested window opens (0 in development), and its length. */
  selfServiceEjectDelaySec: number;
  selfServiceEjectWindowSec: number;
  /** Safe primes for the Pedersen setup from a fixture file (development and tests only). */
  devSafePrimesFile?: string;
  walletOpsPerSec: number;
  /** How long a running operation waits for the client's next protocol message. */
  mpcTimeoutSec: number;
  walletBurst: number;
  connectionFramesPerSec: number;
  connectionBurst: number;
  /** Service-wide createWallet limit (a registration costs a full ECDSA key generation). */
  registrationsPerSec: number;
  registrationBurst: number;
  /** Each remote address's share of the registration budget (default: a sixth of burst and rate). */
  registrationBurstPerIp: number;
  registrationsPerSecPerIp: number;
  /** Concurrent WebSocket connections in total and per remote address; more are refused (RATE_LIMITED). */
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** A connection with no frame and no running operation for this long is closed (1000, reason IDLE). */
  idleTimeoutSec: number;
  /** Graceful shutdown: how long running operations may finish before they are aborted. */
  drainGraceSec: number;
}

export function flagReader(argv: string[]) {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const has = (name: string) => argv.includes(`--${name}`);
  return { flag, has };
}

/**
 * The Pedersen setup needs two 1024-bit safe primes (seconds to minutes on a busy machine). The simulator is a
 * development tool: unless started with `--production` (or NODE_ENV=production) it takes them from the
 * repository's public test fixture, so `npm start` and every harness start in a second. Production makes
 * fresh ones once and stores the result.
 */
const FIXTURE_SAFE_PRIMES = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../tests/fixtures/safe-primes.json',
);

function devSafePrimes(given: string | undefined, production: boolean): { devSafePrimesFile?: string } {
  if (given) return { devSafePrimesFile: path.resolve(given) };
  if (production || !existsSync(FIXTURE_SAFE_PRIMES)) return {};
  return { devSafePrimesFile: FIXTURE_SAFE_PRIMES };
}

function num(text: string, what: string, min: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) throw new Error(`invalid ${what}: ${text}`);
  return n;
}

function int(text: string, what: string): number {
  const n = num(text, what, 1);
  if (!Number.isInteger(n)) throw new Error(`invalid ${what}: ${text}`);
  return n;
}

/** Flags win over environment variables, which win over defaults (127.0.0.1:8787, ./.enclave-data). */
export function parseEnclaveConfig(argv: string[], env: NodeJS.ProcessEnv): EnclaveConfig {
  const { flag, has } = flagReader(argv);
  const host = flag('host') ?? env.ENCLAVE_HOST ?? '127.0.0.1';
  const portText = flag('port') ?? env.ENCLAVE_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${portText}`);
  const dataDir = path.resolve(flag('data-dir') ?? env.ENCLAVE_DATA_DIR ?? '.enclave-data');
  const identityKeyFile = path.resolve(
    flag('identity-key-file') ?? env.ENCLAVE_IDENTITY_KEY_FILE ?? path.join(dataDir, 'identity.key'),
  );
  const registrationsPerSec = num(flag('registrations-per-sec') ?? '1', 'registration rate', 0.001);
  const registrationBurst = num(flag('registration-burst') ?? '60', 'registration burst', 1);
  return {
    host,
    port,
    dataDir,
    identityKeyFile,
    devRawDigests: has('dev-raw-digests') || env.ENCLAVE_DEV_RAW_DIGESTS === '1',
    selfServiceEjectDelaySec: num(
      flag('self-service-eject-delay') ?? env.ENCLAVE_SELF_SERVICE_EJECT_DELAY ?? '0',
      'self-service eject delay',
      0,
    ),
    selfServiceEjectWindowSec: num(
      flag('self-service-eject-window') ?? '3600',
      'self-service eject window',
      60,
    ),
    ...devSafePrimes(
      flag('dev-safe-primes') ?? env.ENCLAVE_DEV_SAFE_PRIMES,
      has('production') || env.NODE_ENV === 'production',
    ),
    mpcTimeoutSec: num(flag('mpc-timeout') ?? '60', 'MPC timeout', 1),
    walletOpsPerSec: num(flag('wallet-ops-per-sec') ?? '20', 'wallet rate', 0.01),
    walletBurst: num(flag('wallet-burst') ?? '200', 'wallet burst', 1),
    connectionFramesPerSec: num(flag('connection-frames-per-sec') ?? '500', 'connection rate', 0.01),
    connectionBurst: num(flag('connection-burst') ?? '1000', 'connection burst', 1),
    registrationsPerSec,
    registrationBurst,
    registrationBurstPerIp: num(
      flag('registration-burst-per-ip') ?? String(Math.max(1, Math.ceil(registrationBurst / 6))),
      'registration burst per address',
      1,
    ),
    registrationsPerSecPerIp: num(
      flag('registrations-per-sec-per-ip') ?? String(registrationsPerSec / 6),
      'registration rate per address',
      0.0001,
    ),
    maxConnections: int(flag('max-connections') ?? env.ENCLAVE_MAX_CONNECTIONS ?? '1000', 'max connections'),
    maxConnectionsPerIp: int(
      flag('max-connections-per-ip') ?? env.ENCLAVE_MAX_CONNECTIONS_PER_IP ?? '64',
      'max connections per address',
    ),
    idleTimeoutSec: num(flag('idle-timeout') ?? env.ENCLAVE_IDLE_TIMEOUT ?? '300', 'idle timeout', 0.1),
    drainGraceSec: num(flag('drain-grace') ?? env.ENCLAVE_DRAIN_GRACE ?? '5', 'drain grace', 0),
  };
}
