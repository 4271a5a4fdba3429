import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** A temp folder the test owns and removes. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const base = path.join(ROOT, '.tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, `${prefix}-`));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Stop a child: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess, graceMs = 20_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    timer.unref();
    // Resolve once its output is read to the end too ('close'), so callers see its last log lines; a
    // grandchild still holding the pipes must not hang the caller, hence the 1 s bound after 'exit'.
    child.once('exit', (code) => {
      clearTimeout(timer);
      const done = () => resolve(code);
      child.once('close', done);
      setTimeout(done, 1000).unref();
    });
    child.kill('SIGTERM');
  });
}

export function spawnLogged(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  opts: { detached?: boolean } = {},
): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  // A detached child must not outlive the test process if a test forgets to stop it.
  if (opts.detached) {
    const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
  }
  return child;
}
