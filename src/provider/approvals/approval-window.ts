import { type ApprovalSurface, platform } from '../../platform/index.ts';
import type { ApprovalWindows } from './approval-queue.ts';

const surfaceKey = (s: ApprovalSurface) => `${s.kind}:${s.id}`;

function surfaceFromKey(key: string): ApprovalSurface {
  const [kind, id] = key.split(':');
  return { kind: kind === 'tab' ? 'tab' : 'window', id: Number(id) };
}

/**
 * The approval page on a surface of its own: a popup window on desktop (not the toolbar popup, which closes
 * on blur), a tab where the browser has no windows API (Firefox for Android). See src/platform.
 */
export function browserApprovalWindows(): ApprovalWindows {
  return {
    async open() {
      return surfaceKey(await platform.openApprovalSurface('/approval.html'));
    },
    async focus(key) {
      await platform.focusApprovalSurface(surfaceFromKey(key));
    },
    onRemoved(listener) {
      platform.onApprovalSurfaceClosed((surface) => listener(surfaceKey(surface)));
    },
  };
}
