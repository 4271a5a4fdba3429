import { browser } from 'wxt/browser';
import type { PageMessage, PageRequests, PageRequestType, PageResult } from './page-messages.ts';

export type PageHandlers = {
  [T in PageRequestType]: (payload: PageRequests[T]['request']) => Promise<PageRequests[T]['response']>;
};

/**
 * True only for messages sent by one of our own extension pages (never a content script or web page): the
 * sender's URL, and its origin where the browser reports one, must be the extension's own.
 */
export function isExtensionPageSender(
  sender: { id?: string; url?: string; origin?: string },
  extensionBaseUrl: string,
): boolean {
  if (sender.id === undefined || typeof sender.url !== 'string' || !sender.url.startsWith(extensionBaseUrl))
    return false;
  return sender.origin === undefined || `${sender.origin}/` === extensionBaseUrl;
}

/** Serve the page API in the background. Errors carry a stable code and a message for the user. */
export function handlePageMessages(handlers: Partial<PageHandlers>): void {
  const base = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const m = msg as PageMessage;
    if (m?.channel !== 'twofold:page') return undefined;
    if (sender.id !== browser.runtime.id || !isExtensionPageSender(sender, base)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Not allowed from this context.' },
      });
    }
    const handler = Object.hasOwn(handlers, m.type) ? handlers[m.type] : undefined;
    if (!handler) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_REQUEST', message: `Unknown request ${m.type}.` },
      });
    }
    return handler(m.payload as never).then(
      (value): PageResult<typeof m.type> => ({ ok: true, value }),
      (e: { code?: string; message?: string }): PageResult<typeof m.type> => ({
        ok: false,
        error: { code: e?.code ?? 'INTERNAL', message: e?.code ? (e.message ?? '') : 'Internal error.' },
      }),
    );
  });
}
