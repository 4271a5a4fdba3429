/** Background → pages broadcasts (progress of long operations, wallet state changes). */
import { browser } from 'wxt/browser';
import type { OperationProgress, PageEvent, WalletStatus } from './page-messages.ts';

function send(event: PageEvent): void {
  // No page open is the normal case: sendMessage then rejects, which is fine.
  void browser.runtime.sendMessage(event).catch(() => undefined);
}

export function broadcastProgress(progress: OperationProgress): void {
  send({ channel: 'twofold:event', type: 'progress', progress });
}

export function broadcastStatus(status: WalletStatus): void {
  send({ channel: 'twofold:event', type: 'status', status });
}
