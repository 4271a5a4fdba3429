import { browser } from 'wxt/browser';
import {
  INPAGE_TARGET,
  PROVIDER_PORT_NAME,
  parseRequestFrame,
  RELAY_TARGET,
  type RelayHelloFrame,
  type RelayToPageFrame,
  type RpcRequestFrame,
} from './relay-wire.ts';

/** The runtime port surface the relay uses (browser.runtime.Port; a fake in tests). */
export interface RelayPort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface RelayDeps {
  /** The page's window as the isolated world sees it. */
  win: {
    addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
    postMessage(message: unknown, targetOrigin: string): void;
    location: { origin: string };
  };
  connect(): RelayPort;
  /** False once the extension was reloaded or removed (no worker will ever answer again). */
  extensionAlive(): boolean;
  schedule(fn: () => void, ms: number): void;
}

const RECONNECT_DELAYS_MS = [50, 250, 1000, 3000, 10_000];
// A port opened while the old worker is still shutting down can stay open but dead (seen in Chromium): no
// greeting, no disconnect. Without the background's `connect` answer to our hello in time, start over.
const GREETING_TIMEOUT_MS = 5000;

/**
 * The isolated-world relay between the page and the background. It accepts only frames posted by the page's
 * own window (not iframes, not other windows), forwards them on a runtime port, and reconnects when the
 * background worker restarts, so events keep flowing. Requests that were in flight when the port dropped
 * are answered with 4900 and never re-sent: the background may already have acted on them (no replay).
 * It never adds an origin: the background reads it from the port's sender.
 */
export function startProviderRelay(deps: RelayDeps = browserRelayDeps()): void {
  const { win } = deps;
  let port: RelayPort | null = null;
  let inFlight = new Set<string>();
  let failures = 0;

  const postToPage = (frame: RelayToPageFrame) => win.postMessage(frame, win.location.origin);
  const failRequest = (id: string, message: string) =>
    postToPage({ target: INPAGE_TARGET, kind: 'response', id, error: { code: 4900, message } });

  const connect = (): RelayPort => {
    const p = deps.connect();
    const mine = new Set<string>();
    let greeted = false;
    let dead = false;
    inFlight = mine;
    const lost = () => {
      if (dead) return;
      dead = true;
      if (port === p) port = null;
      for (const id of mine)
        failRequest(id, 'The wallet restarted while handling this request; it was not repeated.');
      mine.clear();
      reconnectSoon();
    };
    p.onMessage.addListener((msg: unknown) => {
      const f = msg as RelayToPageFrame;
      if (dead || !f || f.target !== INPAGE_TARGET) return;
      if (f.kind === 'response') {
        if (!mine.delete(f.id)) return;
      } else if (f.event === 'connect') {
        greeted = true;
        failures = 0;
      }
      postToPage(f);
    });
    p.onDisconnect.addListener(lost);
    // Ask for the greeting: a freshly started worker may not run its onConnect work until a message arrives.
    p.postMessage({ target: RELAY_TARGET, kind: 'hello' } satisfies RelayHelloFrame);
    deps.schedule(() => {
      if (greeted || dead) return;
      try {
        p.disconnect();
      } catch {
        // already gone
      }
      lost();
    }, GREETING_TIMEOUT_MS);
    return p;
  };

  const reconnectSoon = () => {
    const delay = RECONNECT_DELAYS_MS[failures];
    if (delay === undefined || !deps.extensionAlive()) {
      postToPage({
        target: INPAGE_TARGET,
        kind: 'event',
        event: 'disconnect',
        data: { code: 4900, message: 'The wallet is not reachable; reload the page.' },
      });
      return;
    }
    failures++;
    deps.schedule(() => {
      if (port) return;
      try {
        port = connect();
      } catch {
        reconnectSoon();
      }
    }, delay);
  };

  const forward = (frame: RpcRequestFrame) => {
    if (!port) port = connect();
    port.postMessage(frame);
    inFlight.add(frame.id);
  };

  win.addEventListener('message', (ev) => {
    if (ev.source !== (win as unknown as MessageEventSource)) return;
    const frame = parseRequestFrame(ev.data);
    if (!frame) return;
    try {
      forward(frame);
    } catch {
      // The port died between frames without telling us yet: one fresh connection (nothing was sent).
      try {
        port = connect();
        forward(frame);
      } catch {
        failRequest(frame.id, 'The wallet is not reachable; reload the page.');
      }
    }
  });
}

export function browserRelayDeps(): RelayDeps {
  return {
    win: window,
    connect: () => browser.runtime.connect({ name: PROVIDER_PORT_NAME }) as unknown as RelayPort,
    extensionAlive: () => {
      try {
        return Boolean(browser.runtime?.id);
      } catch {
        return false;
      }
    },
    schedule: (fn, ms) => setTimeout(fn, ms),
  };
}
