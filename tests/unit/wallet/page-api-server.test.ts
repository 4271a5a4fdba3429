import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The background's page-API listener: answers only the extension's own pages; a content script (our id,
 * a web page's URL), another extension or a web page gets FORBIDDEN and no handler runs.
 */
type Listener = (msg: unknown, sender: { id?: string; url?: string; origin?: string }) => unknown;
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
let listener: Listener;
const calls: string[] = [];

beforeAll(async () => {
  // A minimal `chrome` before wxt/browser is first imported (it picks globalThis.chrome).
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      id: ID,
      getURL: (p: string) => `chrome-extension://${ID}${p}`,
      onMessage: { addListener: (l: Listener) => (listener = l) },
    },
  };
  const { handlePageMessages } = await import('../../../src/messaging/page-api-server.ts');
  handlePageMessages({
    'wallet.status': async () => {
      calls.push('wallet.status');
      return { state: 'no-wallet' } as never;
    },
    'wallet.unlock': async () => {
      throw Object.assign(new Error('The password is incorrect.'), { code: 'WRONG_PASSWORD' });
    },
    'wallet.lock': async () => {
      throw new Error('raw internal text 0xdeadbeef');
    },
  });
});

const msg = (type: string) => ({ channel: 'twofold:page', type, payload: {} });

describe('page API server', () => {
  it('serves the extension’s own pages', async () => {
    expect(await listener(msg('wallet.status'), { id: ID, url: `${BASE}popup.html` })).toEqual({
      ok: true,
      value: { state: 'no-wallet' },
    });
    expect(await listener(msg('wallet.unlock'), { id: ID, url: `${BASE}popup.html` })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'The password is incorrect.' },
    });
    // An error without a stable code never shows its text.
    expect(await listener(msg('wallet.lock'), { id: ID, url: `${BASE}popup.html` })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error.' },
    });
  });

  it('refuses content scripts, other extensions and web pages; ignores other channels', async () => {
    calls.length = 0;
    for (const sender of [
      { id: ID, url: 'https://dapp.example/', origin: 'https://dapp.example' },
      { id: 'otherextensionid', url: 'chrome-extension://otherextensionid/popup.html' },
      { url: 'https://dapp.example/' },
      { id: ID, url: `${BASE}popup.html`, origin: 'https://dapp.example' },
    ])
      expect(await listener(msg('wallet.status'), sender)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    expect(calls).toEqual([]);
    expect(
      listener({ channel: 'other', type: 'wallet.status' }, { id: ID, url: `${BASE}popup.html` }),
    ).toBeUndefined();
    expect(await listener(msg('nope'), { id: ID, url: `${BASE}popup.html` })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_REQUEST' },
    });
  });
});
