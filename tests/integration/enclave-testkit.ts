import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import WebSocket from 'ws';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import type { WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import { ed25519Signer } from '../../src/mpc/channel/index.ts';
import { type RunningEnclave, startEnclave } from '../harness/enclave.ts';
import { BIN, ROOT } from '../harness/processes.ts';

/** Shared helpers of the enclave integration tests (not a test file itself). */
export const wsFactory: WebSocketFactory = (url) => new WebSocket(url) as never;

export const DEV_ARGS = [
  '--dev-safe-primes',
  path.join(ROOT, 'tests/fixtures/safe-primes.json'),
  '--dev-raw-digests',
];

export function startDevEnclave(opts: { dataDir?: string; args?: string[] } = {}): Promise<RunningEnclave> {
  return startEnclave({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    args: [...DEV_ARGS, ...(opts.args ?? [])],
  });
}

export function clientFor(enclave: { url: string; identityKey: string }): EnclaveClient {
  return new EnclaveClient({
    url: enclave.url,
    identityKey: enclave.identityKey,
    webSocket: wsFactory,
    timeoutMs: 60_000,
  });
}

export function newKey() {
  return ed25519Signer(ed25519.utils.randomSecretKey());
}

/** Run an admin command of the enclave CLI against a data dir; returns parsed JSON stdout. */
export function admin(dataDir: string, ...args: string[]): unknown {
  const out = execFileSync(BIN('tsx'), ['enclave-sim/main.ts', ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

export function adminFails(dataDir: string, ...args: string[]): string {
  try {
    execFileSync(BIN('tsx'), ['enclave-sim/main.ts', ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? '');
  }
  throw new Error('admin command unexpectedly succeeded');
}

/**
 * SIGKILL the enclave for real: `tsx` runs the service in a child node process and cannot relay SIGKILL,
 * so the service process (the wrapper's child) is killed by pid first, then the wrapper.
 */
export async function hardKill(enclave: RunningEnclave): Promise<void> {
  const pid = enclave.child.pid;
  if (pid === undefined) return;
  let kids: number[] = [];
  try {
    kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    // no children
  }
  for (const k of kids) process.kill(k, 'SIGKILL');
  const exited = new Promise((r) => enclave.child.once('exit', r));
  if (enclave.child.exitCode === null && enclave.child.signalCode === null) enclave.child.kill('SIGKILL');
  await exited;
}
