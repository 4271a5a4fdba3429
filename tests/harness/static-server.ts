import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serve fixed pages (path → HTML or JS) on a free 127.0.0.1 port, as a dApp would be served. */
export async function serveStatic(
  routes: Record<string, { body: string; type?: string }>,
): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': route.type ?? 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
