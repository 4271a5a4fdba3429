import { browser } from 'wxt/browser';
import type { ApprovalWindows } from './approval-queue.ts';

/** The approval page in a popup window of its own (not the toolbar popup, which closes on blur). */
export function browserApprovalWindows(): ApprovalWindows {
  return {
    async open() {
      const w = await browser.windows.create({
        url: browser.runtime.getURL('/approval.html'),
        type: 'popup',
        width: 420,
        height: 680,
      });
      if (w?.id === undefined) throw new Error('no window id');
      return w.id;
    },
    async focus(windowId) {
      await browser.windows.update(windowId, { focused: true });
    },
    onRemoved(listener) {
      browser.windows.onRemoved.addListener(listener);
    },
  };
}
