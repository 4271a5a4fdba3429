import { EnclaveClientError } from './enclave-errors.ts';
import type { WebSocketFactory, WebSocketLike } from './enclave-hello.ts';

/** Close codes the enclave uses on purpose: drain on shutdown (1001 Going Away), a limit (1013 Try Again Later). */
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TRY_AGAIN_LATER = 1013;

/** The typed error for a socket the enclave closed, from its close code. */
export function closedBy(ev: unknown): EnclaveClientError {
  const code = (ev as { code?: unknown } | null | undefined)?.code;
  if (code === CLOSE_GOING_AWAY)
    return new EnclaveClientError('ENCLAVE_SHUTTING_DOWN', undefined, 'CONNECTION_CLOSED_GOING_AWAY');
  if (code === CLOSE_TRY_AGAIN_LATER)
    return new EnclaveClientError('RATE_LIMITED', undefined, 'CONNECTION_CLOSED_TRY_AGAIN_LATER');
  return new EnclaveClientError('ENCLAVE_UNREACHABLE', 'The enclave closed the connection.');
}

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
      ws.onclose = (ev) => {
        clearTimeout(timer);
        t.fail(closedBy(ev));
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

  /**
   * Frames that arrived but were not read (oldest first), taken out of the queue. After a failure the
   * session looks here for the enclave's own refusal: the enclave sends a typed error and then closes, and
   * a client busy computing meets the closed socket before it reads that error.
   */
  takeUnread(): string[] {
    return this.queue.splice(0);
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
