import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OperationProgress, PageEvent, WalletStatus } from '../messaging/page-messages.ts';
import { askBackground } from './background-client.ts';

function isPageEvent(m: unknown): m is PageEvent {
  return (m as { channel?: unknown } | null)?.channel === 'twofold:event';
}

/** Follow the background's broadcasts (progress, status changes) while the page is open. */
export function onWalletEvent(listener: (e: PageEvent) => void): () => void {
  const handler = (m: unknown) => {
    if (isPageEvent(m)) listener(m);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

/**
 * Progress of the long operation while `active`: from broadcasts, and polled too in case a broadcast was
 * missed (the page opened late, or the worker restarted).
 */
export function useOperationProgress(active: boolean): OperationProgress | null {
  const [progress, setProgress] = useState<OperationProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    const off = onWalletEvent((e) => {
      if (e.type === 'progress') setProgress(e.progress);
    });
    const poll = setInterval(() => {
      askBackground('wallet.progress', {}).then(
        (p) => p && setProgress(p),
        () => {},
      );
    }, 700);
    return () => {
      off();
      clearInterval(poll);
    };
  }, [active]);
  return progress;
}

/** Status changes pushed by the background (auto-lock, restored elsewhere, eject done). */
export function useStatusEvents(onStatus: (s: WalletStatus) => void): void {
  useEffect(() => onWalletEvent((e) => e.type === 'status' && onStatus(e.status)), [onStatus]);
}
