import { describe, expect, it } from 'vitest';
import { ApprovalQueue, type ApprovalWindows } from './approval-queue.ts';
import type { ApprovalRequest } from './approval-types.ts';

function fakeWindows() {
  let removed: (id: string) => void = () => {};
  let next = 1;
  const w = {
    opened: [] as string[],
    focused: [] as string[],
    failOpen: false,
    windows: {
      open: async () => {
        if (w.failOpen) throw new Error('no windows');
        const id = `window:${next++}`;
        w.opened.push(id);
        return id;
      },
      focus: async (id: string) => {
        w.focused.push(id);
      },
      onRemoved: (l: (id: string) => void) => {
        removed = l;
      },
    } satisfies ApprovalWindows,
    close: (id: string) => removed(id),
  };
  return w;
}

const req = (origin = 'https://a.example'): ApprovalRequest => ({
  origin,
  chain: { chainId: 31337, name: 'Anvil Local', symbol: 'ETH' },
  content: { kind: 'connect', address: `0x${'11'.repeat(20)}` },
  warnings: [],
});

const settle = () => new Promise((r) => setTimeout(r, 0));
const outcome = (p: Promise<void>) =>
  p.then(
    () => 'approved',
    (e: { code: number }) => e.code,
  );

describe('approval queue', () => {
  it('opens one window, shows the oldest first, moves on after each decision', async () => {
    const w = fakeWindows();
    let n = 0;
    const q = new ApprovalQueue(w.windows, () => `id${++n}`);
    const a = outcome(q.approve(req('https://a.example')));
    const b = outcome(q.approve(req('https://b.example')));
    await settle();
    expect(w.opened).toEqual(['window:1']);
    const c = outcome(q.approve(req('https://c.example')));
    await settle();
    expect(w.opened).toEqual(['window:1']);
    expect(w.focused).toEqual(['window:1']);
    expect(q.current()).toMatchObject({ id: 'id1', origin: 'https://a.example', queued: 3 });
    expect(q.decide('id1', true)).toMatchObject({ id: 'id2', queued: 2 });
    expect(q.decide('id2', false)).toMatchObject({ id: 'id3', queued: 1 });
    expect(q.decide('id3', true)).toBeNull();
    expect(await a).toBe('approved');
    expect(await b).toBe(4001);
    expect(await c).toBe('approved');
  });

  it('closing the window rejects every request it was showing with 4001', async () => {
    const w = fakeWindows();
    const q = new ApprovalQueue(w.windows);
    const a = outcome(q.approve(req()));
    const b = outcome(q.approve(req()));
    await settle();
    w.close('window:1');
    expect(await a).toBe(4001);
    expect(await b).toBe(4001);
    expect(q.current()).toBeNull();
    // The next request opens a fresh window.
    void q.approve(req());
    await settle();
    expect(w.opened).toEqual(['window:1', 'window:2']);
  });

  it('ignores the closing of other windows', async () => {
    const w = fakeWindows();
    const q = new ApprovalQueue(w.windows);
    void q.approve(req());
    await settle();
    w.close('window:99');
    expect(q.size).toBe(1);
  });

  it('refuses decisions for unknown or settled ids', async () => {
    const w = fakeWindows();
    const q = new ApprovalQueue(w.windows, () => 'x');
    void q.approve(req());
    await settle();
    expect(() => q.decide('nope', true)).toThrow(/no longer pending/);
    q.decide('x', true);
    expect(() => q.decide('x', true)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_APPROVAL' }));
  });

  it('a window that cannot open rejects with -32603', async () => {
    const w = fakeWindows();
    w.failOpen = true;
    const q = new ApprovalQueue(w.windows);
    expect(await outcome(q.approve(req()))).toBe(-32603);
  });

  it('limits pending requests per origin (-32002), others still queue', async () => {
    const w = fakeWindows();
    const q = new ApprovalQueue(w.windows);
    for (let i = 0; i < 10; i++) void q.approve(req('https://spam.example')).catch(() => {});
    expect(await outcome(q.approve(req('https://spam.example')))).toBe(-32002);
    void q.approve(req('https://ok.example'));
    expect(q.size).toBe(11);
  });
});
