import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { EnclaveConfig } from './config.ts';
import type { EnclaveIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import { Connection } from './service/connection.ts';
import type { CurveEngine } from './service/curve-engine.ts';
import { PairLocks, RateLimits } from './service/policy.ts';
import type { Curve, WalletStore } from './store/wallet-store.ts';

const MAX_FRAME_BYTES = 256 * 1024;

export interface EnclaveServer {
  url: string;
  port: number;
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
    Partial<Pick<EnclaveConfig, 'drainGraceSec' | 'registrationsPerSec' | 'registrationBurst'>>;
  pedersenPublic?: () => unknown;
  now?: () => Date;
}

export async function startEnclaveServer(opts: EnclaveServerOptions): Promise<EnclaveServer> {
  const wss = new WebSocketServer({ host: opts.host, port: opts.port, maxPayload: MAX_FRAME_BYTES });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const sockets = new Map<WebSocket, Connection>();
  let closing = false;
  const c = opts.config;
  const limits = new RateLimits(
    c.walletOpsPerSec,
    c.walletBurst,
    c.connectionFramesPerSec,
    c.connectionBurst,
    c.registrationsPerSec,
    c.registrationBurst,
  );
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

  wss.on('connection', (ws) => {
    const conn = new Connection(deps, {
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: (code, reason) => ws.close(code, reason),
    });
    sockets.set(ws, conn);
    ws.on('close', () => {
      sockets.delete(ws);
      conn.onClose();
    });
    ws.on('error', () => {
      // Oversized or broken frames close that socket only; the service keeps running.
      opts.log('warn', { event: 'socket_error', code: 'FRAME_TOO_LARGE' });
    });
    ws.on('message', (raw, isBinary) => {
      conn.onFrame(isBinary ? null : raw.toString());
    });
  });

  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://${opts.host}:${port}`,
    port,
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
      for (const ws of sockets.keys()) ws.close(1001, 'shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of sockets.keys()) ws.terminate();
    },
  };
}
