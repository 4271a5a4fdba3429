import { browser } from 'wxt/browser';
import { INPAGE_TARGET, PROVIDER_PORT_NAME, parseRequestFrame, type RelayToPageFrame } from './relay-wire.ts';

type Port = ReturnType<typeof browser.runtime.connect>;

/**
 * The isolated-world relay between the page and the background. It accepts only frames posted by the page's
 * own window (not iframes, not other windows), forwards them on a runtime port, and reconnects when the
 * background worker restarts. It never adds an origin: the background reads it from the port's sender.
 */
export function startProviderRelay(): void {
  let port: Port | null = null;

  const postToPage = (frame: RelayToPageFrame) => window.postMessage(frame, window.location.origin);

  const connect = (): Port => {
    const p = browser.runtime.connect({ name: PROVIDER_PORT_NAME });
    p.onMessage.addListener((msg: unknown) => {
      const f = msg as RelayToPageFrame;
      if (f && f.target === INPAGE_TARGET) postToPage(f);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
    });
    return p;
  };

  window.addEventListener('message', (ev) => {
    if (ev.source !== window) return;
    const frame = parseRequestFrame(ev.data);
    if (!frame) return;
    try {
      port ??= connect();
      port.postMessage(frame);
    } catch {
      // The worker went away between frames: one fresh connection, then report the failure to the page.
      try {
        port = connect();
        port.postMessage(frame);
      } catch {
        postToPage({
          target: INPAGE_TARGET,
          kind: 'response',
          id: frame.id,
          error: { code: 4900, message: 'The wallet is not reachable; reload the page.' },
        });
      }
    }
  });
}
