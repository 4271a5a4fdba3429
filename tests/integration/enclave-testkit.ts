import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import type { WebSocketFactory, WebSocketLike } from '../../src/enclave/enclave-hello.ts';
import { ChannelInitiator, type ChannelSigner, ed25519Signer } from '../../src/mpc/channel/index.ts';
import { base64urlEncode } from '../../src/mpc/common/codec.ts';
import { type RunningEnclave, startEnclave } from '../harness/enclave.ts';
import { ROOT } from '../harness/processes.ts';

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
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'enclave-sim/main.ts', ...args, '--data-dir', dataDir],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

export function adminFails(dataDir: string, ...args: string[]): string {
  try {
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'enclave-sim/main.ts', ...args, '--data-dir', dataDir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? '');
  }
  throw new Error('admin command unexpectedly succeeded');
}

/** SIGKILL the enclave service (the harness runs it as one node process, in a process group of its own). */
export async function hardKill(enclave: RunningEnclave): Promise<void> {
  await enclave.kill();
}

/**
 * A WebSocket factory whose next socket (after `arm(n)`) holds the server's frames from the n-th on: the
 * client stalls mid-operation, as a slow or paused device would. Held frames are delivered, in order, on
 * `release()` or when the server closes the socket (before the close). `frames` counts what the last socket
 * received, to find a frame number on a first, ungated run.
 */
export class FrameGate {
  frames = 0;
  reached: Promise<void> = Promise.resolve();
  private armedAt = 0;
  private reachedNow: () => void = () => {};
  private releaseHeld: () => void = () => {};

  arm(holdFrom: number): void {
    this.armedAt = holdFrom;
    this.reached = new Promise((r) => {
      this.reachedNow = r;
    });
  }

  release(): void {
    this.releaseHeld();
  }

  readonly factory: WebSocketFactory = (url) => {
    const ws = new WebSocket(url);
    const holdFrom = this.armedAt;
    this.armedAt = 0;
    this.frames = 0;
    const like: WebSocketLike = {
      onopen: null,
      onmessage: null,
      onerror: null,
      onclose: null,
      send: (d) => ws.send(d),
      close: () => ws.close(),
    };
    const deliver = (d: string) => like.onmessage?.({ data: d });
    let holding = false;
    const held: string[] = [];
    const flush = () => {
      holding = false;
      for (const d of held.splice(0)) deliver(d);
    };
    ws.on('open', () => like.onopen?.({}));
    ws.on('error', (e) => like.onerror?.(e));
    ws.on('close', () => {
      flush();
      like.onclose?.({});
    });
    ws.on('message', (data) => {
      this.frames++;
      const text = data.toString();
      if (holdFrom > 0 && this.frames === holdFrom) {
        holding = true;
        this.releaseHeld = flush;
        this.reachedNow();
      }
      if (holding) held.push(text);
      else deliver(text);
    });
    return like;
  };
}

/** SQLite's own check of the enclave's database file (run while the service is stopped or idle). */
export function integrityCheck(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'enclave.sqlite'), { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Wait until the service printed a log line matching `pred` (the service's own progress, not a timing). */
export async function waitForLog(
  enclave: RunningEnclave,
  pred: (rec: Record<string, unknown>) => boolean,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rec = enclave.logs.find(pred);
    if (rec) return rec;
    if (Date.now() > until) throw new Error('the enclave did not log the expected event');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * SIGTERM to the service, as a supervisor signals it; resolves with the exit code. SIGKILL after `graceMs`
 * so a hung service cannot hang the test.
 */
export async function terminate(enclave: RunningEnclave, graceMs = 90_000): Promise<number | null> {
  const child = enclave.child;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => void enclave.kill(), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A secure channel opened by hand (device key), so a test reads the enclave's sealed answers itself. */
export async function openRawChannel(
  enclave: { url: string; identityKey: string },
  auth: { walletId: string; deviceKey: ChannelSigner },
) {
  const raw = await RawSocket.open(enclave.url);
  const init = new ChannelInitiator({
    pinnedIdentityKey: hexToBytes(enclave.identityKey),
    mode: 'device',
    walletId: auth.walletId,
    signer: auth.deviceKey,
  });
  raw.ws.send(JSON.stringify(init.start()));
  const { auth: authFrame, session } = init.receive(await raw.json(0));
  raw.ws.send(JSON.stringify(authFrame));
  const ready = session.open(await raw.json(1)) as { t?: unknown };
  if (ready?.t !== 'ready') throw new Error('the enclave did not open the channel');
  const seal = (m: Record<string, unknown>) => raw.ws.send(JSON.stringify(session.seal(m)));
  return { raw, session, seal };
}

/** Operation 1: an ed25519 co-signature whose protocol messages this client never sends. */
export function startStalledCosign(seal: (m: Record<string, unknown>) => void, pairId: string): void {
  const contribution = base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
  seal({ v: 1, t: 'op', id: 1, op: 'signEd25519', params: { pairId, contribution } });
}

/** A bare WebSocket: frames as they came (JSON), and the close code. */
export class RawSocket {
  private readonly frames: string[] = [];
  private readonly waiters = new Map<number, () => void>();
  readonly closed: Promise<number>;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.frames.push(d.toString());
      this.waiters.get(this.frames.length - 1)?.();
    });
    this.closed = new Promise((r) => ws.on('close', (code) => r(code)));
  }

  static async open(url: string): Promise<RawSocket> {
    const ws = new WebSocket(url);
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    return new RawSocket(ws);
  }

  /** The i-th frame the server sent (waits for it). */
  async json(i: number): Promise<Record<string, unknown>> {
    if (i >= this.frames.length) {
      await Promise.race([
        new Promise<void>((r) => this.waiters.set(i, r)),
        this.closed.then(() => {
          throw new Error(`closed before frame ${i}`);
        }),
      ]);
    }
    return JSON.parse(this.frames[i]!) as Record<string, unknown>;
  }
}
