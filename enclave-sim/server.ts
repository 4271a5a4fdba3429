import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { EnclaveConfig } from './config.ts';
import type { EnclaveIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import { Connection } from './service/connection.ts';
import type { CurveEngine } from './service/curve-engine.ts';
import { PairLocks, RateLimits } from './service/policy.ts';
import { ConnectionLimits, type ConnectionRefusal, sourceKey } from './service/policy-connections.ts';
import type { Curve, WalletStore } from './store/wallet-store.ts';

const MAX_FRAME_BYTES = 256 * 1024;
/** WebSocket close code "Try Again Later" (RFC 6455 registry): a connection refused by a limit. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

export interface EnclaveServer {
  url: string;
  port: number;
  /** Connections counted against the limits right now (refused ones are not). */
  readonly connections: number;
  close(): Promise<void>;
}

export interface EnclaveServerOptions {
  host: string;
  port: number;
  identity: EnclaveIdentity;
  log: Logger;
  store: WalletStore;
  engines: Partial<Record<Curve, CurveEngine>>;
  config: Pick<
    EnclaveConfig,
    | 'devRawDigests'
    | 'selfServiceEjectDelaySec'
    | 'selfServiceEjectWindowSec'
    | 'walletOpsPerSec'
    | 'walletBurst'
    | 'connectionFramesPerSec'
    | 'connectionBurst'
    | 'mpcTimeoutSec'
  > &
    Partial<
      Pick<
        EnclaveConfig,
        | 'drainGraceSec'
        | 'registrationsPerSec'
        | 'registrationBurst'
        | 'registrationBurstPerIp'
        | 'registrationsPerSecPerIp'
        | 'maxConnections'
        | 'maxConnectionsPerIp'
        | 'idleTimeoutSec'
      >
    >;
  pedersenPublic?: () => unknown;
  /**
   * The remote address a connection is counted under (connection and registration limits). Injectable so
   * tests on loopback can simulate several addresses; a deployment behind a proxy would read its header.
   */
  remoteAddress?: (req: IncomingMessage) => string | undefined;
  now?: () => Date;
}

export async function startEnclaveServer(opts: EnclaveServerOptions): Promise<EnclaveServer> {
  const wss = new WebSocketServer({ host: opts.host, port: opts.port, maxPayload: MAX_FRAME_BYTES });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const sockets = new Map<WebSocket, Connection>();
  /** Refused sockets until their close handshake ends (terminated at shutdown, so none can hold it up). */
  const refused = new Set<WebSocket>();
  let closing = false;
  const c = opts.config;
  const limits = new RateLimits(
    c.walletOpsPerSec,
    c.walletBurst,
    c.connectionFramesPerSec,
    c.connectionBurst,
    c.registrationsPerSec,
    c.registrationBurst,
    ...(c.registrationBurstPerIp !== undefined && c.registrationsPerSecPerIp !== undefined
      ? [{ burst: c.registrationBurstPerIp, perSecond: c.registrationsPerSecPerIp }]
      : []),
  );
  const connections = new ConnectionLimits(c.maxConnections ?? 1000, c.maxConnectionsPerIp ?? 64);
  const remoteAddress = opts.remoteAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress);
  // Refusals are logged as a count at most once a second (a flood of them must not flood the log), and
  // never with the address.
  let refusedSince = 0;
  let refusedLoggedAt = Number.NEGATIVE_INFINITY;
  const noteRefusal = (why: ConnectionRefusal) => {
    refusedSince++;
    const now = performance.now();
    if (now - refusedLoggedAt < 1000) return;
    opts.log('warn', { event: 'connections_refused', code: why, count: refusedSince });
    refusedSince = 0;
    refusedLoggedAt = now;
  };
  const locks = new PairLocks();
  const deps = {
    identity: opts.identity,
    store: opts.store,
    engines: opts.engines,
    locks,
    log: opts.log,
    limits,
    devRawDigests: c.devRawDigests,
    selfServiceEjectDelaySec: c.selfServiceEjectDelaySec,
    selfServiceEjectWindowSec: c.selfServiceEjectWindowSec,
    now: opts.now ?? (() => new Date()),
    isClosing: () => closing,
    mpcTimeoutMs: c.mpcTimeoutSec * 1000,
    ...(opts.pedersenPublic ? { pedersenPublic: opts.pedersenPublic } : {}),
  };

  // Unconfirmed pairs expire after 24 h: swept at start and every minute.
  const sweep = () => {
    try {
      const n = opts.store.expireStale();
      if (n > 0) opts.log('info', { event: 'pairs_expired', count: n });
    } catch {
      opts.log('error', { event: 'sweep_failed', code: 'INTERNAL' });
    }
  };
  sweep();
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();

  wss.on('connection', (ws, req) => {
    const source = sourceKey(remoteAddress(req));
    const refusal = connections.tryOpen(source);
    if (refusal) {
      // Refused after the upgrade, not before it: a browser's WebSocket shows neither an HTTP status nor a
      // body, so the client learns the reason only from this frame and the close code.
      noteRefusal(refusal);
      refused.add(ws);
      // A client that never answers the close would hold the socket for ws's 30 s close timeout.
      const cut = setTimeout(() => ws.terminate(), 2000);
      cut.unref();
      ws.on('close', () => {
        clearTimeout(cut);
        refused.delete(ws);
      });
      ws.on('error', () => {});
      ws.send(
        JSON.stringify({
          v: 1,
          t: 'error',
          code: 'RATE_LIMITED',
          message:
            refusal === 'TOO_MANY_CONNECTIONS'
              ? 'The enclave has too many connections; retry shortly.'
              : 'Too many connections from this address; close one or retry shortly.',
          detail: refusal,
        }),
      );
      ws.close(CLOSE_TRY_AGAIN_LATER, 'RATE_LIMITED');
      return;
    }
    const conn = new Connection(
      deps,
      {
        send: (text) => {
          if (ws.readyState === ws.OPEN) ws.send(text);
        },
        close: (code, reason) => ws.close(code, reason),
      },
      source,
    );
    sockets.set(ws, conn);
    // A held slot must cost the holder something: a connection that sends nothing and runs nothing is
    // closed (a running operation has its own protocol timeout). The client drops its kept channel sooner.
    const idleMs = (c.idleTimeoutSec ?? 300) * 1000;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        if (conn.busy) armIdle();
        else ws.close(1000, 'IDLE');
      }, idleMs);
      idle.unref();
    };
    armIdle();
    ws.on('close', () => {
      clearTimeout(idle);
      connections.release(source);
      sockets.delete(ws);
      conn.onClose();
    });
    ws.on('error', () => {
      // Oversized or broken frames close that socket only; the service keeps running.
      opts.log('warn', { event: 'socket_error', code: 'FRAME_TOO_LARGE' });
    });
    ws.on('message', (raw, isBinary) => {
      armIdle();
      conn.onFrame(isBinary ? null : raw.toString());
    });
  });

  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://${opts.host}:${port}`,
    port,
    get connections() {
      return connections.open;
    },
    async close() {
      closing = true;
      clearInterval(sweeper);
      const running = [...sockets.values()].filter((c) => c.busy);
      if (running.length) {
        opts.log('info', { event: 'draining', count: running.length });
        const drained = Promise.all(running.map((c) => c.settled()));
        // Graceful shutdown lets running operations finish for this long (default 5 s), then aborts them.
        const graceMs = (opts.config.drainGraceSec ?? 5) * 1000;
        const timeout = new Promise((r) => setTimeout(r, graceMs).unref());
        await Promise.race([drained, timeout]);
        for (const c of running) c.abortRunning('The enclave is shutting down.');
        await Promise.race([
          Promise.all(running.map((c) => c.settled())),
          new Promise((r) => setTimeout(r, 500)),
        ]);
      }
      for (const ws of refused) ws.terminate();
      for (const ws of sockets.keys()) ws.close(1001, 'shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of sockets.keys()) ws.terminate();
    },
  };
}
