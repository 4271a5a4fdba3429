import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the browser tried to send off the machine (host as the browser named it). */
export interface ProxiedRequest {
  method: string;
  host: string;
  target: string;
}

export interface RefusingProxy {
  port: number;
  /** Every request that reached the proxy, in order. */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

function hostOf(method: string, target: string, hostHeader: string | undefined): string {
  // CONNECT carries "host:port"; a proxied GET carries an absolute URL.
  if (method === 'CONNECT') return target.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  try {
    return new URL(target).hostname;
  } catch {
    return (hostHeader ?? '').replace(/:\d+$/, '');
  }
}

/**
 * An HTTP proxy on 127.0.0.1 that answers every request (plain or CONNECT) with 403 and records it. The
 * browser under test points all non-loopback traffic at it, so nothing leaves the machine and a test can
 * check which hosts the browser tried to reach.
 */
export async function startRefusingProxy(): Promise<RefusingProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '';
    requests.push({ method, host: hostOf(method, target, req.headers.host), target });
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('blocked by test proxy');
  });
  server.on('connect', (req, socket: Socket) => {
    const target = req.url ?? '';
    requests.push({ method: 'CONNECT', host: hostOf('CONNECT', target, undefined), target });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** True for names and addresses that stay on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
