import type { ChildProcess } from 'node:child_process';
import { freePort, spawnLogged, stopProcess, tempDir } from './processes.ts';

export interface RunningEnclave {
  url: string;
  port: number;
  identityKey: string;
  dataDir: string;
  child: ChildProcess;
  /** Every structured log line the service printed so far. */
  logs: Record<string, unknown>[];
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/**
 * Start the real enclave-sim as a separate process (`node --import tsx enclave-sim/main.ts`: one process, so
 * SIGTERM reaches the service's own drain; the `tsx` CLI would force-kill it ~60 ms later) on a free loopback port with
 * its own data dir, and wait for its `listening` log line (URL + identity key to pin in the build).
 */
export async function startEnclave(
  opts: { dataDir?: string; port?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningEnclave> {
  const owned = opts.dataDir ? null : tempDir('enclave');
  const dataDir = opts.dataDir ?? owned!.path;
  const port = opts.port ?? (await freePort());
  const child = spawnLogged(
    process.execPath,
    [
      '--import',
      'tsx',
      'enclave-sim/main.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      ...(opts.args ?? []),
    ],
    opts.env,
    { detached: true },
  );
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const listening = new Promise<{ url: string; identityKey: string }>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        try {
          const rec = JSON.parse(line) as Record<string, unknown>;
          logs.push(rec);
          if (rec.event === 'listening')
            resolve({ url: String(rec.url), identityKey: String(rec.identityKey) });
        } catch {
          logs.push({ event: 'non_json_output', line });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`enclave-sim exited with ${code}: ${stderr}`)));
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`enclave-sim did not start in 30 s: ${stderr}`)), 30_000).unref(),
  );
  const { url, identityKey } = await Promise.race([listening, timeout]);
  return {
    url,
    port,
    identityKey,
    dataDir,
    child,
    logs,
    stop: async () => {
      const code = await stopProcess(child);
      owned?.remove();
      return code;
    },
    kill: async () => {
      // Kill the whole process group (spawned detached), so nothing the service started outlives it.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      await new Promise((r) => child.once('exit', r));
    },
  };
}
