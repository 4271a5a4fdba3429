import path from 'node:path';

export interface EnclaveConfig {
  host: string;
  port: number;
  dataDir: string;
  identityKeyFile: string;
}

/** Flags win over environment variables, which win over defaults (127.0.0.1:8787, ./.enclave-data). */
export function parseEnclaveConfig(argv: string[], env: NodeJS.ProcessEnv): EnclaveConfig {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const host = flag('host') ?? env.ENCLAVE_HOST ?? '127.0.0.1';
  const portText = flag('port') ?? env.ENCLAVE_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${portText}`);
  const dataDir = path.resolve(flag('data-dir') ?? env.ENCLAVE_DATA_DIR ?? '.enclave-data');
  const identityKeyFile = path.resolve(
    flag('identity-key-file') ?? env.ENCLAVE_IDENTITY_KEY_FILE ?? path.join(dataDir, 'identity.key'),
  );
  return { host, port, dataDir, identityKeyFile };
}
