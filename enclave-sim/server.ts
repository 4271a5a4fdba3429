import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { EnclaveIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import {
  ENCLAVE_PROTOCOL_VERSION,
  ENCLAVE_SERVICE_NAME,
  type ErrorFrame,
  errorFrame,
  type HelloResponse,
} from './protocol.ts';

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
}

/** Parse one frame strictly; every failure becomes a structured error frame, never an exception. */
function handleFrame(raw: RawData, isBinary: boolean, identity: EnclaveIdentity): HelloResponse | ErrorFrame {
  if (isBinary) return errorFrame('MALFORMED_FRAME', 'Frames are JSON text.');
  let msg: unknown;
  try {
    msg = JSON.parse(raw.toString());
  } catch {
    return errorFrame('MALFORMED_FRAME', 'The frame is not valid JSON.');
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    return errorFrame('MALFORMED_FRAME', 'A frame is a JSON object.');
  const m = msg as Record<string, unknown>;
  if (m.v !== ENCLAVE_PROTOCOL_VERSION)
    return errorFrame('UNSUPPORTED_VERSION', `Protocol version ${ENCLAVE_PROTOCOL_VERSION} is supported.`);
  if (m.t === 'hello') {
    return {
      v: 1,
      t: 'hello',
      service: ENCLAVE_SERVICE_NAME,
      versions: [ENCLAVE_PROTOCOL_VERSION],
      identityKey: identity.publicKeyHex,
    };
  }
  return errorFrame('UNKNOWN_MESSAGE', 'Unknown message type.');
}

export async function startEnclaveServer(opts: EnclaveServerOptions): Promise<EnclaveServer> {
  const wss = new WebSocketServer({ host: opts.host, port: opts.port, maxPayload: MAX_FRAME_BYTES });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const sockets = new Set<WebSocket>();
  let closing = false;

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => {
      // Oversized or broken frames close that socket only; the service keeps running.
      opts.log('warn', { event: 'socket_error', code: 'FRAME_TOO_LARGE' });
    });
    ws.on('message', (raw, isBinary) => {
      if (closing) {
        ws.send(JSON.stringify(errorFrame('SHUTTING_DOWN', 'The enclave is shutting down; retry shortly.')));
        return;
      }
      const t0 = performance.now();
      let reply: HelloResponse | ErrorFrame;
      try {
        reply = handleFrame(raw, isBinary, opts.identity);
      } catch {
        reply = errorFrame('INTERNAL', 'Internal error.');
      }
      ws.send(JSON.stringify(reply));
      opts.log(reply.t === 'error' ? 'warn' : 'info', {
        event: 'frame',
        op: reply.t === 'error' ? 'unknown' : reply.t,
        ...(reply.t === 'error' ? { code: reply.code } : {}),
        durationMs: Math.round((performance.now() - t0) * 100) / 100,
      });
    });
  });

  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://${opts.host}:${port}`,
    port,
    async close() {
      closing = true;
      for (const ws of sockets) ws.close(1001, 'shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of sockets) ws.terminate();
    },
  };
}
