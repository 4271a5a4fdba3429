import { describe, expect, it } from 'vitest';
import { type RelayDeps, type RelayPort, startProviderRelay } from './relay.ts';
import { INPAGE_TARGET, RELAY_TARGET } from './relay-wire.ts';

/** A fake page window + runtime: ports can be answered and dropped (worker restart). */
function harness() {
  const listeners: ((ev: MessageEvent) => void)[] = [];
  const toPage: Record<string, unknown>[] = [];
  const ports: (RelayPort & {
    sent: unknown[];
    disconnected: boolean;
    answer(m: unknown): void;
    drop(): void;
  })[] = [];
  const timers: (() => void)[] = [];
  let alive = true;
  /** Ports the background never answers (opened while the old worker shuts down). */
  let limbo = false;
  const win = {
    location: { origin: 'https://dapp.example' },
    postMessage: (m: unknown) => toPage.push(m as Record<string, unknown>),
    addEventListener: (_t: 'message', l: (ev: MessageEvent) => void) => listeners.push(l),
  };
  const deps: RelayDeps = {
    win,
    connect: () => {
      const onMsg: ((m: unknown) => void)[] = [];
      const onDisc: (() => void)[] = [];
      const greets = !limbo;
      const p = {
        sent: [] as unknown[],
        disconnected: false,
        postMessage: (m: unknown) => {
          p.sent.push(m);
          if (greets && (m as { kind?: string }).kind === 'hello')
            p.answer({ target: INPAGE_TARGET, kind: 'event', event: 'connect', data: { chainId: '0x7a69' } });
        },
        disconnect: () => {
          p.disconnected = true;
        },
        onMessage: { addListener: (l: (m: unknown) => void) => onMsg.push(l) },
        onDisconnect: { addListener: (l: () => void) => onDisc.push(l) },
        answer: (m: unknown) => {
          for (const l of onMsg) l(m);
        },
        drop: () => {
          for (const l of onDisc) l();
        },
      };
      ports.push(p);
      return p;
    },
    extensionAlive: () => alive,
    schedule: (fn) => timers.push(fn),
  };
  startProviderRelay(deps);
  const fromPage = (data: unknown, source: unknown = win) => {
    for (const l of listeners) l({ data, source } as unknown as MessageEvent);
  };
  const request = (id: string, method = 'eth_chainId') =>
    fromPage({ target: RELAY_TARGET, kind: 'request', id, method });
  const runTimers = () => {
    for (const t of timers.splice(0)) t();
  };
  return {
    ports,
    toPage,
    fromPage,
    request,
    runTimers,
    kill: () => {
      alive = false;
    },
    setLimbo: (v: boolean) => {
      limbo = v;
    },
  };
}

const response = (id: string, result: unknown) => ({ target: INPAGE_TARGET, kind: 'response', id, result });

describe('provider relay (isolated world)', () => {
  it('connects lazily and forwards only frames from its own window', () => {
    const h = harness();
    expect(h.ports).toHaveLength(0);
    h.fromPage({ target: RELAY_TARGET, kind: 'request', id: 'a', method: 'eth_chainId' }, { iframe: true });
    h.fromPage({ target: 'other', kind: 'request', id: 'a', method: 'x' });
    expect(h.ports).toHaveLength(0);
    h.request('1');
    expect(h.ports).toHaveLength(1);
    expect(h.ports[0]!.sent).toEqual([
      { target: RELAY_TARGET, kind: 'hello' },
      { target: RELAY_TARGET, kind: 'request', id: '1', method: 'eth_chainId', params: undefined },
    ]);
    h.ports[0]!.answer(response('1', '0x7a69'));
    expect(h.toPage).toEqual([
      { target: INPAGE_TARGET, kind: 'event', event: 'connect', data: { chainId: '0x7a69' } },
      response('1', '0x7a69'),
    ]);
  });

  it('after a worker restart: in-flight requests fail with 4900 once, are not re-sent, and the port reconnects', () => {
    const h = harness();
    h.request('1', 'eth_sendTransaction');
    h.request('2');
    h.ports[0]!.answer(response('2', '0x1'));
    h.ports[0]!.drop();
    // Only the unanswered request fails, exactly once.
    const failures = h.toPage.filter((f) => (f.error as { code?: number } | undefined)?.code === 4900);
    expect(failures.map((f) => f.id)).toEqual(['1']);
    h.runTimers();
    expect(h.ports).toHaveLength(2);
    expect(h.ports[1]!.sent).toEqual([{ target: RELAY_TARGET, kind: 'hello' }]); // nothing replayed
    // A late answer for the old id from the new port is ignored (it was already failed).
    h.ports[1]!.answer(response('1', '0xhash'));
    expect(h.toPage.filter((f) => f.id === '1')).toHaveLength(1);
    // Events flow on the new port; new requests use it.
    h.ports[1]!.answer({ target: INPAGE_TARGET, kind: 'event', event: 'chainChanged', data: '0x1' });
    expect(h.toPage.at(-1)).toMatchObject({ kind: 'event', event: 'chainChanged' });
    h.request('3');
    expect(h.ports[1]!.sent).toHaveLength(2);
  });

  it('tells the page disconnect when the extension is gone', () => {
    const h = harness();
    h.request('1');
    h.kill();
    h.ports[0]!.drop();
    expect(h.toPage.at(-1)).toMatchObject({ kind: 'event', event: 'disconnect', data: { code: 4900 } });
  });

  it('drops a port that is open but dead (no greeting), fails its requests once, and reconnects', () => {
    const h = harness();
    h.request('1');
    h.setLimbo(true);
    h.ports[0]!.drop();
    h.runTimers(); // reconnect: this port never answers
    expect(h.ports).toHaveLength(2);
    h.request('2');
    h.setLimbo(false);
    h.runTimers(); // greeting timeout on the silent port, then a fresh one
    expect(h.ports[1]!.disconnected).toBe(true);
    expect(h.toPage.filter((f) => f.id === '2').map((f) => (f.error as { code: number }).code)).toEqual([
      4900,
    ]);
    h.runTimers();
    expect(h.ports).toHaveLength(3);
    expect(h.toPage.at(-1)).toMatchObject({ kind: 'event', event: 'connect' });
    h.request('3');
    expect(h.ports[2]!.sent.at(-1)).toMatchObject({ id: '3' });
  });

  it('gives up after repeated failed reconnections and says disconnect', () => {
    const h = harness();
    h.request('1');
    h.setLimbo(true);
    h.ports[0]!.drop();
    for (let i = 0; i < 20; i++) h.runTimers();
    expect(h.ports.length).toBeGreaterThan(3);
    expect(h.toPage.at(-1)).toMatchObject({ kind: 'event', event: 'disconnect' });
  });
});
