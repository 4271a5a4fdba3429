import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EnclaveClient } from '../src/enclave/enclave-client.ts';
import { EnclaveClientError } from '../src/enclave/enclave-errors.ts';
import type { WebSocketFactory } from '../src/enclave/enclave-hello.ts';
import { ed25519Signer } from '../src/mpc/channel/index.ts';
import { randomBytes } from '../src/mpc/common/bytes.ts';
import type { LogFields } from './log.ts';
import {
  CLOSE_TRY_AGAIN_LATER,
  type EnclaveServer,
  type EnclaveServerOptions,
  startEnclaveServer,
} from './server.ts';
import { openDatabase } from './store/db.ts';
import { Sealer } from './store/sealing.ts';
import { WalletStore } from './store/wallet-store.ts';

/**
 * Connection caps and registration shares of the real server, in process, with the remote address taken
 * from a test header: on loopback every client is 127.0.0.1, the injected function lets one test act as
 * several addresses.
 */
const SOURCE_HEADER = 'x-test-source';
const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-server-limits-'));
const logs: LogFields[] = [];
let server: EnclaveServer;
let identityKey: string;

async function startTestServer(extra: Partial<EnclaveServerOptions['config']> = {}): Promise<EnclaveServer> {
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(secretKey);
  identityKey = bytesToHex(publicKey);
  return startEnclaveServer({
    host: '127.0.0.1',
    port: 0,
    identity: { secretKey, publicKey, publicKeyHex: identityKey },
    log: (_level, f) => logs.push(f),
    store: new WalletStore(openDatabase(dir), new Sealer(randomBytes(32))),
    // No curve engines: a createWallet that passes the limits fails later, with a code of its own.
    engines: {},
    config: {
      devRawDigests: false,
      selfServiceEjectDelaySec: 0,
      selfServiceEjectWindowSec: 3600,
      walletOpsPerSec: 20,
      walletBurst: 200,
      connectionFramesPerSec: 500,
      connectionBurst: 1000,
      mpcTimeoutSec: 60,
      maxConnections: 5,
      maxConnectionsPerIp: 2,
      registrationsPerSec: 0.001,
      registrationBurst: 4,
      registrationBurstPerIp: 1,
      registrationsPerSecPerIp: 0.001,
      ...extra,
    },
    remoteAddress: (req) => {
      const h = req.headers[SOURCE_HEADER];
      return typeof h === 'string' ? h : req.socket.remoteAddress;
    },
  });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A socket that says it comes from `source`: its frames, and its close code. */
async function socketFrom(source: string) {
  const ws = new WebSocket(server.url, { headers: { [SOURCE_HEADER]: source } });
  const frames: Record<string, unknown>[] = [];
  let notify = () => {};
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()) as Record<string, unknown>);
    notify();
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const next = async (i: number) => {
    while (frames.length <= i) {
      const arrived = new Promise<void>((r) => {
        notify = r;
      });
      const gone = closed.then(() => {
        throw new Error(`closed before frame ${i}`);
      });
      await Promise.race([arrived, gone]);
    }
    return frames[i]!;
  };
  /** A hello answered on this socket: it is open and served. */
  const hello = async () => {
    const i = frames.length;
    ws.send(JSON.stringify({ v: 1, t: 'hello' }));
    return next(i);
  };
  return { ws, frames, closed, next, hello };
}

/** Open a socket from `source` and wait until the server counted it (it answers a hello). */
async function heldFrom(source: string) {
  const s = await socketFrom(source);
  expect(await s.hello()).toMatchObject({ t: 'hello', identityKey });
  return s;
}

async function refusedFrom(source: string) {
  const s = await socketFrom(source);
  const frame = await s.next(0);
  expect(await s.closed).toBe(CLOSE_TRY_AGAIN_LATER);
  return frame;
}

/** Wait until the server counts `n` connections (it counts a close when its side of the socket closes). */
async function serverCounts(n: number) {
  for (const until = Date.now() + 15_000; server.connections !== n && Date.now() < until; )
    await new Promise((r) => setTimeout(r, 10));
  expect(server.connections).toBe(n);
}

async function closeAll(sockets: Awaited<ReturnType<typeof socketFrom>>[]) {
  for (const s of sockets) {
    s.ws.close();
    await s.closed;
  }
  await serverCounts(0);
}

function clientFrom(source: string): EnclaveClient {
  const factory: WebSocketFactory = (url) =>
    new WebSocket(url, { headers: { [SOURCE_HEADER]: source } }) as never;
  return new EnclaveClient({ url: server.url, identityKey, webSocket: factory, timeoutMs: 10_000 });
}

describe('enclave-sim connection limits (injected remote address)', () => {
  it('per address: the third connection is refused with RATE_LIMITED and 1013, others are served, a freed slot is reusable', async () => {
    const a1 = await heldFrom('10.0.0.1');
    const a2 = await heldFrom('10.0.0.1');
    expect(await refusedFrom('10.0.0.1')).toMatchObject({
      t: 'error',
      code: 'RATE_LIMITED',
      detail: 'TOO_MANY_CONNECTIONS_FROM_ADDRESS',
    });
    // Another address is not affected by 10.0.0.1's cap; 10.0.0.1's open sockets still work.
    const b1 = await heldFrom('10.0.0.2');
    expect(await a1.hello()).toMatchObject({ t: 'hello' });
    expect(await a2.hello()).toMatchObject({ t: 'hello' });
    // The typed client surfaces the refusal as RATE_LIMITED (not as an unreachable service).
    const e = await clientFrom('10.0.0.1')
      .createWallet({ deviceKey: ed25519Signer(randomBytes(32)), recoveryPublicKey: randomBytes(32) })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EnclaveClientError);
    expect(e).toMatchObject({ code: 'RATE_LIMITED', detail: 'TOO_MANY_CONNECTIONS_FROM_ADDRESS' });
    a1.ws.close();
    await a1.closed;
    await serverCounts(2);
    const a3 = await heldFrom('10.0.0.1');
    expect(await refusedFrom('10.0.0.1')).toMatchObject({ detail: 'TOO_MANY_CONNECTIONS_FROM_ADDRESS' });
    await closeAll([a2, a3, b1]);
  });

  it('in total: the sixth connection is refused whatever its address; the held ones keep working', async () => {
    const held = [];
    for (const source of ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.4'])
      held.push(await heldFrom(source));
    expect(await refusedFrom('10.1.0.6')).toMatchObject({
      code: 'RATE_LIMITED',
      detail: 'TOO_MANY_CONNECTIONS',
    });
    for (const s of held) expect(await s.hello()).toMatchObject({ t: 'hello' });
    await closeAll(held);
    await closeAll([await heldFrom('10.1.0.6')]);
    const refusals = logs.filter((l) => l.event === 'connections_refused');
    expect(refusals.length).toBeGreaterThan(0);
    // No address in any log line.
    expect(JSON.stringify(logs)).not.toMatch(/10\.[01]\.0\.\d|127\.0\.0\.1/);
  });

  it("registration share: a second createWallet from one address is RATE_LIMITED; another address's is not", async () => {
    const create = (source: string) =>
      clientFrom(source)
        .createWallet({ deviceKey: ed25519Signer(randomBytes(32)), recoveryPublicKey: randomBytes(32) })
        .catch((x: unknown) => x);
    // Past the limits, a registration fails here only because this server has no curve engines.
    const unavailable = { code: 'BAD_REQUEST', detail: 'CURVE_UNAVAILABLE' };
    expect(await create('10.2.0.1')).toMatchObject(unavailable);
    expect(await create('10.2.0.1')).toMatchObject({ code: 'RATE_LIMITED', detail: 'RATE_LIMITED' });
    expect(await create('10.2.0.2')).toMatchObject(unavailable);
    expect(await create('10.2.0.3')).toMatchObject(unavailable);
  });

  it('an idle connection is closed (1000, IDLE) and its slot freed; one that keeps talking stays', async () => {
    const main = server;
    server = await startTestServer({ idleTimeoutSec: 0.3 });
    try {
      const quiet = await heldFrom('10.3.0.1');
      const talking = await heldFrom('10.3.0.2');
      let reason = '';
      quiet.ws.on('close', (_code, r) => {
        reason = r.toString();
      });
      // Talk on one socket until the other has been closed for idling.
      let closedCode: number | undefined;
      void quiet.closed.then((c) => {
        closedCode = c;
      });
      while (closedCode === undefined) {
        expect(await talking.hello()).toMatchObject({ t: 'hello' });
        await new Promise((r) => setTimeout(r, 20));
      }
      expect([closedCode, reason]).toEqual([1000, 'IDLE']);
      await serverCounts(1);
      await closeAll([talking]);
    } finally {
      await server.close();
      server = main;
    }
  });
});
