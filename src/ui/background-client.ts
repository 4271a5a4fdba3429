import { browser } from 'wxt/browser';
import type { PageMessage, PageRequests, PageRequestType, PageResult } from '../messaging/page-messages.ts';

export class BackgroundRequestError extends Error {
  override readonly name = 'BackgroundRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Ask the background for something; pages reach the wallet only this way (SPEC §3). */
export async function askBackground<T extends PageRequestType>(
  type: T,
  payload: PageRequests[T]['request'],
): Promise<PageRequests[T]['response']> {
  const msg: PageMessage<T> = { channel: 'twofold:page', type, payload };
  const res = (await browser.runtime.sendMessage(msg)) as PageResult<T> | undefined;
  if (!res) throw new BackgroundRequestError('NO_ANSWER', 'The wallet did not answer; try again.');
  if (!res.ok) throw new BackgroundRequestError(res.error.code, res.error.message);
  return res.value;
}
