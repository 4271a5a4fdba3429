/** The home page's warnings as a tree of elements (StatusWarnings is a pure component: no hooks). */
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { HealthReport, WalletStatus } from '../../../messaging/page-messages.ts';
import type { PopupRoute } from '../popup-route.ts';
import { StatusWarnings } from './status-warnings.tsx';

const STATUS: WalletStatus = {
  state: 'unlocked',
  addresses: { walletId: 'w', evm: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', solana: 'So1' },
  keyExported: false,
  exportedKeysShown: false,
  restoredElsewhere: false,
  keyExportedElsewhere: false,
  needsBackup: false,
  pendingOperations: 0,
  autoLockMinutes: 15,
};

function elements(node: unknown, out: VNode<Record<string, unknown>>[] = []) {
  if (Array.isArray(node)) for (const n of node) elements(n, out);
  else if (node && typeof node === 'object' && 'props' in node) {
    const v = node as VNode<Record<string, unknown>>;
    out.push(v);
    elements(v.props.children, out);
  }
  return out;
}

function render(status: WalletStatus, health: HealthReport | null = null) {
  const routes: PopupRoute[] = [];
  const tree = elements(StatusWarnings({ status, health, onRoute: (r) => routes.push(r) }));
  const byId = (id: string) => tree.find((e) => e.props['data-testid'] === id);
  // All the text under an element, in order.
  const text = (node: unknown): string =>
    typeof node === 'string'
      ? node
      : Array.isArray(node)
        ? node.map(text).join('')
        : node && typeof node === 'object' && 'props' in node
          ? text((node as VNode<Record<string, unknown>>).props.children)
          : '';
  return { byId, text, routes };
}

const elsewhereCheck: HealthReport = {
  ok: false,
  checkedAt: 1,
  checks: [
    {
      id: 'key-exported-elsewhere',
      ok: false,
      message: "This wallet's key was exported on another device: move your funds to a new wallet.",
    },
  ],
};

describe('StatusWarnings: key exported on another device', () => {
  it('warns permanently with the move-funds action', () => {
    const v = render({ ...STATUS, keyExportedElsewhere: true });
    const w = v.byId('status-key-exported-elsewhere');
    expect(v.text(w)).toContain(
      "This wallet's key was exported on another device: move your funds to a new wallet",
    );
    expect(v.byId('warning-key-exported')).toBeUndefined();
    const move = v.byId('sweep-open-exported-elsewhere');
    expect(v.text(move)).toBe('Move funds');
    if (!move) throw new Error('no move-funds button');
    (move.props.onClick as () => void)();
    expect(v.routes).toEqual(['sweep']);
  });

  it('also right after a health check found it (before the status is reloaded)', () => {
    expect(render(STATUS, elsewhereCheck).byId('status-key-exported-elsewhere')).toBeDefined();
  });

  it('absent for an ordinary wallet, and left to "Key exported" on the device that holds the key', () => {
    expect(render(STATUS).byId('status-key-exported-elsewhere')).toBeUndefined();
    const own = render({ ...STATUS, keyExported: true, keyExportedElsewhere: true }, elsewhereCheck);
    expect(own.byId('status-key-exported-elsewhere')).toBeUndefined();
    expect(own.byId('warning-key-exported')).toBeDefined();
  });
});
