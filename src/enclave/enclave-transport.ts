import { EnclaveClientError } from './enclave-errors.ts';
import type { WebSocketFactory, WebSocketLike } from './enclave-hello.ts';

/**
 * A WebSocket as an ordered queue of text frames with timeouts. Works with the browser's WebSocket (service
 * worker) and with `ws` in Node through the injected factory.
 */
export class FrameTransport {
  private readonly queue: string[] = [];
  private waiter: { resolve: (t: string) => void; reject: (e: Error) => void } | undefined;
  private closedError: EnclaveClientError | undefined;

  private constructor(private readonly ws: WebSocketLike) {}

  static open(url: string, factory: WebSocketFactory, timeoutMs: number): Promise<FrameTransport> {
    return new Promise((resolve, reject) => {
      let ws: WebSocketLike;
      try {
        ws = factory(url);
      } catch {
        reject(new EnclaveClientError('ENCLAVE_UNREACHABLE'));
        return;
      }
      const t = new FrameTransport(ws);
      const timer = setTimeout(() => {
        ws.onopen = null;
        try {
          ws.close();
        } catch {
          // already closed
        }
        reject(new EnclaveClientError('ENCLAVE_UNREACHABLE'));
      }, timeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        resolve(t);
      };
      ws.onerror = () => {
        clearTimeout(timer);
        t.fail(new EnclaveClientError('ENCLAVE_UNREACHABLE'));
        reject(new EnclaveClientError('ENCLAVE_UNREACHABLE'));
      };
      ws.onclose = () => {
        clearTimeout(timer);
        t.fail(new EnclaveClientError('ENCLAVE_UNREACHABLE', 'The enclave closed the connection.'));
        reject(new EnclaveClientError('ENCLAVE_UNREACHABLE'));
      };
      ws.onmessage = (ev) => {
        const data = ev.data;
        if (typeof data !== 'string')
          return t.fail(new EnclaveClientError('ENCLAVE_FAULT', undefined, 'BINARY_FRAME'));
        if (t.waiter) {
          const w = t.waiter;
          t.waiter = undefined;
          w.resolve(data);
        } else t.queue.push(data);
      };
    });
  }

  private fail(e: EnclaveClientError): void {
    if (!this.closedError) this.closedError = e;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.closedError);
  }

  get isClosed(): boolean {
    return this.closedError !== undefined;
  }

  send(text: string): void {
    if (this.closedError) throw this.closedError;
    this.ws.send(text);
  }

  next(timeoutMs: number): Promise<string> {
    const q = this.queue.shift();
    if (q !== undefined) return Promise.resolve(q);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new EnclaveClientError('ENCLAVE_UNREACHABLE', 'The enclave did not answer in time.', 'TIMEOUT'),
        );
      }, timeoutMs);
      this.waiter = {
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  close(): void {
    this.fail(new EnclaveClientError('ENCLAVE_UNREACHABLE', 'The connection was closed.'));
    try {
      this.ws.onclose = null;
      this.ws.close();
    } catch {
      // already closed
    }
  }
}
