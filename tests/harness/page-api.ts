import type { Page } from 'puppeteer';
import type { PageRequests, PageRequestType, PageResult } from '../../src/messaging/page-messages.ts';

/**
 * The background's page API as the popup uses it, from an extension page opened in a tab (the background
 * refuses content scripts and web pages, so `page` must show a chrome-extension:// page).
 */
export function askBackground<T extends PageRequestType>(
  page: Page,
  type: T,
  payload: PageRequests[T]['request'],
): Promise<PageResult<T>> {
  return page.evaluate(
    (type, payload) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ channel: 'twofold:page', type, payload }),
    type,
    payload as never,
  ) as Promise<PageResult<T>>;
}

/** Like askBackground, but the value itself; a refusal throws with its stable code. */
export async function backgroundValue<T extends PageRequestType>(
  page: Page,
  type: T,
  payload: PageRequests[T]['request'],
): Promise<PageRequests[T]['response']> {
  const r = await askBackground(page, type, payload);
  if (!r.ok) throw new Error(`${type}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/**
 * Time one page request inside the extension page (performance.now around sendMessage), so the figure
 * is what the popup waits for, without puppeteer's own round trips.
 */
export async function timeBackgroundRequest<T extends PageRequestType>(
  page: Page,
  type: T,
  payload: PageRequests[T]['request'],
): Promise<{ ms: number; result: PageResult<T> }> {
  return page.evaluate(
    async (type, payload) => {
      const t0 = performance.now();
      const result = await (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ channel: 'twofold:page', type, payload });
      return { ms: performance.now() - t0, result };
    },
    type,
    payload as never,
  ) as Promise<{ ms: number; result: PageResult<T> }>;
}
