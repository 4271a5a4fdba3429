import { ProviderRpcError } from './provider-errors.ts';
import {
  INPAGE_TARGET,
  parsePageBoundFrame,
  RELAY_TARGET,
  type RelayToPageFrame,
  type RpcRequestFrame,
} from './relay-wire.ts';

type Listener = (...args: unknown[]) => void;
export interface RequestArguments {
  readonly method: string;
  readonly params?: readonly unknown[] | object;
}

/** The minimal window surface the provider needs (so tests can give a fake). */
export interface PageWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  location: { origin: string };
}

/**
 * The EIP-1193 provider a page sees (MAIN world). It owns no secrets and decides nothing: every request is
 * posted to the isolated relay, which forwards it to the background over a runtime port.
 */
export class TwofoldEthereumProvider {
  readonly isTwofold = true;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private counter = 0;
  private readonly idPrefix = Math.random().toString(36).slice(2);
  chainId: string | null = null;
  selectedAddress: string | null = null;
  private connected = false;

  constructor(private readonly win: PageWindow) {
    win.addEventListener('message', (ev) => {
      // Only frames the relay posted into this very window (not from iframes or other windows).
      if ((ev as MessageEvent).source !== (win as unknown as MessageEventSource)) return;
      const frame = parsePageBoundFrame(ev.data);
      if (frame) this.onFrame(frame);
    });
  }

  request(args: RequestArguments): Promise<unknown> {
    if (typeof args !== 'object' || args === null || typeof args.method !== 'string' || !args.method) {
      return Promise.reject(new ProviderRpcError(-32602, 'Expected a request object with a method name.'));
    }
    const id = `${this.idPrefix}-${++this.counter}`;
    const frame: RpcRequestFrame = {
      target: RELAY_TARGET,
      kind: 'request',
      id,
      method: args.method,
      ...(args.params === undefined ? {} : { params: args.params }),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.win.postMessage(frame, this.win.location.origin);
    });
  }

  /** EIP-1193: true once the background greeted this page with `connect`, until a `disconnect`. */
  isConnected(): boolean {
    return this.connected;
  }

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        l(...args);
      } catch (e) {
        // A page's listener throwing must not break the provider.
        setTimeout(() => {
          throw e;
        });
      }
    }
  }

  private onFrame(frame: RelayToPageFrame): void {
    if (frame.kind === 'response') {
      const p = this.pending.get(frame.id);
      if (!p) return;
      this.pending.delete(frame.id);
      if (frame.error)
        p.reject(new ProviderRpcError(frame.error.code, frame.error.message, frame.error.data));
      else p.resolve(frame.result);
      return;
    }
    switch (frame.event) {
      case 'connect': {
        // Sent on every (re)connection of the relay's port, e.g. after a worker restart: emit `connect` only
        // on a real transition, and `chainChanged` if the chain moved while the port was down.
        const chainId = (frame.data as { chainId?: unknown } | null)?.chainId;
        if (typeof chainId !== 'string') return;
        const moved = this.chainId !== null && this.chainId !== chainId;
        this.chainId = chainId;
        if (!this.connected) {
          this.connected = true;
          this.emit('connect', { chainId });
        }
        if (moved) this.emit('chainChanged', chainId);
        return;
      }
      case 'disconnect': {
        if (!this.connected) return;
        this.connected = false;
        const d = frame.data as { code?: number; message?: string } | null;
        this.emit('disconnect', new ProviderRpcError(d?.code ?? 4900, d?.message ?? 'Disconnected.'));
        return;
      }
      case 'chainChanged':
        if (typeof frame.data !== 'string' || frame.data === this.chainId) return;
        this.chainId = frame.data;
        break;
      case 'accountsChanged':
        if (!Array.isArray(frame.data)) return;
        this.selectedAddress = (frame.data[0] as string | undefined) ?? null;
        break;
    }
    this.emit(frame.event, frame.data);
  }
}

export { INPAGE_TARGET };
