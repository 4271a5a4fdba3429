import { describe, expect, it } from 'vitest';
import { TwofoldEthereumProvider } from './inpage-provider.ts';
import { INPAGE_TARGET, parseRequestFrame, RELAY_TARGET } from './relay-wire.ts';

/** A fake page window: records posted frames and lets the test deliver messages from a chosen source. */
function fakeWindow() {
  const listeners: ((ev: MessageEvent) => void)[] = [];
  const posted: unknown[] = [];
  const win = {
    location: { origin: 'https://dapp.example' },
    postMessage: (m: unknown) => posted.push(m),
    addEventListener: (_t: 'message', l: (ev: MessageEvent) => void) => listeners.push(l),
  };
  const deliver = (data: unknown, source: unknown = win) => {
    for (const l of listeners) l({ data, source } as unknown as MessageEvent);
  };
  return { win, posted, deliver };
}

describe('inpage EIP-1193 provider', () => {
  it('posts a tagged request frame and resolves with the relayed result', async () => {
    const { win, posted, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    const pending = p.request({ method: 'eth_chainId' });
    const frame = parseRequestFrame(posted[0]);
    expect(frame).toMatchObject({ target: RELAY_TARGET, kind: 'request', method: 'eth_chainId' });
    deliver({ target: INPAGE_TARGET, kind: 'response', id: frame!.id, result: '0x7a69' });
    await expect(pending).resolves.toBe('0x7a69');
  });

  it('rejects with the EIP-1193 error code the background sent', async () => {
    const { win, posted, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    const pending = p.request({ method: 'eth_nope' });
    const id = (posted[0] as { id: string }).id;
    deliver({ target: INPAGE_TARGET, kind: 'response', id, error: { code: 4200, message: 'unsupported' } });
    await expect(pending).rejects.toMatchObject({ code: 4200, message: 'unsupported' });
  });

  it('ignores frames from other windows (iframes) and answers with unknown ids', async () => {
    const { win, posted, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    let settled = false;
    const pending = p.request({ method: 'eth_chainId' }).finally(() => {
      settled = true;
    });
    const id = (posted[0] as { id: string }).id;
    deliver({ target: INPAGE_TARGET, kind: 'response', id, result: '0x1' }, { other: true });
    deliver({ target: INPAGE_TARGET, kind: 'response', id: 'unknown', result: '0x1' });
    await Promise.resolve();
    expect(settled).toBe(false);
    deliver({ target: INPAGE_TARGET, kind: 'response', id, result: '0x7a69' });
    await expect(pending).resolves.toBe('0x7a69');
  });

  it('refuses a request without a method with -32602', async () => {
    const { win } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    await expect(p.request({} as never)).rejects.toMatchObject({ code: -32602 });
  });

  it('emits events to listeners and stops after removeListener', () => {
    const { win, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    const seen: unknown[] = [];
    const l = (x: unknown) => seen.push(x);
    p.on('chainChanged', l);
    deliver({ target: INPAGE_TARGET, kind: 'event', event: 'chainChanged', data: '0x1' });
    p.removeListener('chainChanged', l);
    deliver({ target: INPAGE_TARGET, kind: 'event', event: 'chainChanged', data: '0x2' });
    expect(seen).toEqual(['0x1']);
    expect(p.chainId).toBe('0x2');
  });

  it('the relay accepts only well-formed request frames', () => {
    expect(parseRequestFrame({ target: RELAY_TARGET, kind: 'request', id: 'a', method: 'x' })).not.toBeNull();
    expect(parseRequestFrame({ target: RELAY_TARGET, kind: 'request', id: '', method: 'x' })).toBeNull();
    expect(parseRequestFrame({ target: RELAY_TARGET, kind: 'request', id: 'a', method: 5 })).toBeNull();
    expect(parseRequestFrame({ target: 'other', kind: 'request', id: 'a', method: 'x' })).toBeNull();
    expect(parseRequestFrame('string')).toBeNull();
    expect(
      parseRequestFrame({ target: RELAY_TARGET, kind: 'request', id: 'a'.repeat(200), method: 'x' }),
    ).toBeNull();
  });

  it('emits connect once per real transition, chainChanged when the chain moved while disconnected', () => {
    const { win, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    const seen: [string, unknown][] = [];
    for (const e of ['connect', 'disconnect', 'chainChanged'])
      p.on(e, (x: unknown) => seen.push([e, x instanceof Error ? (x as { code?: number }).code : x]));
    expect(p.isConnected()).toBe(false);
    const ev = (event: string, data: unknown) =>
      deliver({ target: INPAGE_TARGET, kind: 'event', event, data });
    ev('connect', { chainId: '0x7a69' });
    ev('connect', { chainId: '0x7a69' }); // a relay reconnection after a worker restart
    expect(p.isConnected()).toBe(true);
    ev('connect', { chainId: '0x1' });
    ev('chainChanged', '0x1'); // duplicate of what we know: not re-emitted
    ev('disconnect', { code: 4900, message: 'gone' });
    ev('disconnect', { code: 4900, message: 'gone' });
    expect(p.isConnected()).toBe(false);
    expect(seen).toEqual([
      ['connect', { chainId: '0x7a69' }],
      ['chainChanged', '0x1'],
      ['disconnect', 4900],
    ]);
  });

  it('ignores unknown event names and malformed event data', () => {
    const { win, deliver } = fakeWindow();
    const p = new TwofoldEthereumProvider(win);
    const seen: unknown[] = [];
    p.on('accountsChanged', (x: unknown) => seen.push(x));
    deliver({ target: INPAGE_TARGET, kind: 'event', event: 'accountsChanged', data: 'nope' });
    deliver({ target: INPAGE_TARGET, kind: 'event', event: 'evil', data: [] });
    deliver({ target: INPAGE_TARGET, kind: 'event', event: 'accountsChanged', data: ['0xabc'] });
    expect(seen).toEqual([['0xabc']]);
    expect(p.selectedAddress).toBe('0xabc');
  });
});
