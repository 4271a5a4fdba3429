/**
 * The first exchange with the enclave service: a versioned hello that names the protocol versions the
 * service speaks and its identity key (checked against the build's pin). Works with the browser's
 * WebSocket and with `ws` in Node (both take the same constructor shape).
 */
export const ENCLAVE_CLIENT_PROTOCOL_VERSION = 1;

export interface EnclaveHello {
  service: string;
  versions: number[];
  identityKey: string;
}

export type WebSocketLike = {
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
};
export type WebSocketFactory = (url: string) => WebSocketLike;

export class EnclaveUnreachableError extends Error {
  override readonly name = 'EnclaveUnreachableError';
  readonly code = 'ENCLAVE_UNREACHABLE';
}

export class EnclaveIdentityMismatchError extends Error {
  override readonly name = 'EnclaveIdentityMismatchError';
  readonly code = 'ENCLAVE_IDENTITY_MISMATCH';
}

export function parseHello(data: unknown): EnclaveHello {
  const m = typeof data === 'string' ? (JSON.parse(data) as Record<string, unknown>) : null;
  if (
    !m ||
    m.v !== ENCLAVE_CLIENT_PROTOCOL_VERSION ||
    m.t !== 'hello' ||
    typeof m.service !== 'string' ||
    !Array.isArray(m.versions) ||
    typeof m.identityKey !== 'string' ||
    !/^[0-9a-f]{64}$/.test(m.identityKey)
  ) {
    throw new EnclaveUnreachableError('The enclave answered with an unexpected hello.');
  }
  return { service: m.service, versions: m.versions as number[], identityKey: m.identityKey };
}

/** Connect, exchange the hello, and check the identity against the pin (when one is given). */
export function enclaveHello(
  url: string,
  opts: { pinnedIdentityKey?: string; timeoutMs?: number; webSocket?: WebSocketFactory } = {},
): Promise<EnclaveHello> {
  const factory: WebSocketFactory = opts.webSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
  return new Promise((resolve, reject) => {
    let ws: WebSocketLike;
    try {
      ws = factory(url);
    } catch {
      reject(new EnclaveUnreachableError(`Cannot open a connection to the enclave at ${url}.`));
      return;
    }
    const timer = setTimeout(() => {
      ws.close();
      reject(new EnclaveUnreachableError(`The enclave at ${url} did not answer in time.`));
    }, opts.timeoutMs ?? 5000);
    const done = (fn: () => void) => {
      clearTimeout(timer);
      ws.onclose = null;
      ws.close();
      fn();
    };
    ws.onopen = () => ws.send(JSON.stringify({ v: ENCLAVE_CLIENT_PROTOCOL_VERSION, t: 'hello' }));
    ws.onerror = () =>
      done(() => reject(new EnclaveUnreachableError(`Cannot reach the enclave at ${url}; is it running?`)));
    ws.onclose = () => done(() => reject(new EnclaveUnreachableError('The enclave closed the connection.')));
    ws.onmessage = (ev) =>
      done(() => {
        try {
          const hello = parseHello(ev.data);
          if (opts.pinnedIdentityKey && hello.identityKey !== opts.pinnedIdentityKey.toLowerCase()) {
            reject(
              new EnclaveIdentityMismatchError(
                'The enclave does not present the identity this wallet is pinned to; refusing to talk to it.',
              ),
            );
            return;
          }
          resolve(hello);
        } catch (e) {
          reject(e);
        }
      });
  });
}
