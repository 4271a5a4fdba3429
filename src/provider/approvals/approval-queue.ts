import { ProviderRpcError, providerErrors } from '../provider-errors.ts';
import type { ApprovalRequest, ApprovalRequester, ApprovalView } from './approval-types.ts';

/**
 * Opens and watches the approval window (src/platform's approval surface in the extension: a popup window,
 * or a tab where the browser has no windows API; a fake in tests). Surfaces are named by opaque keys.
 */
export interface ApprovalWindows {
  open(): Promise<string>;
  focus(surface: string): Promise<void>;
  onRemoved(listener: (surface: string) => void): void;
}

interface Pending {
  id: string;
  request: ApprovalRequest;
  resolve: () => void;
  reject: (e: ProviderRpcError) => void;
}

const MAX_PENDING_PER_ORIGIN = 10;

/**
 * The one approval queue of the background. Requests wait in order; one approval window shows the oldest.
 * The user's decision settles it and the window moves to the next; closing the window rejects everything
 * it was showing with 4001 (what a user who dismisses the wallet expects).
 */
export class ApprovalQueue implements ApprovalRequester {
  private readonly items: Pending[] = [];
  private windowId: string | null = null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly windows: ApprovalWindows,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    windows.onRemoved((id) => this.onWindowRemoved(id));
  }

  approve(request: ApprovalRequest): Promise<void> {
    if (this.items.filter((i) => i.request.origin === request.origin).length >= MAX_PENDING_PER_ORIGIN)
      return Promise.reject(new ProviderRpcError(-32002, 'Too many pending requests from this site.'));
    return new Promise<void>((resolve, reject) => {
      this.items.push({ id: this.newId(), request, resolve, reject });
      void this.show();
    });
  }

  /** The request the window should show now (the oldest), or null when nothing waits. */
  current(): ApprovalView | null {
    const head = this.items[0];
    return head ? { ...head.request, id: head.id, queued: this.items.length } : null;
  }

  /** Settle one request by id; returns the next one to show, if any. Unknown ids are refused. */
  decide(id: string, approved: boolean): ApprovalView | null {
    const i = this.items.findIndex((p) => p.id === id);
    if (i < 0) throw new ApprovalQueueError('UNKNOWN_APPROVAL', 'This request is no longer pending.');
    const [p] = this.items.splice(i, 1);
    if (approved) p!.resolve();
    else p!.reject(providerErrors.userRejected());
    return this.current();
  }

  get size(): number {
    return this.items.length;
  }

  private async show(): Promise<void> {
    if (this.opening) return this.opening;
    if (this.windowId !== null) {
      await this.windows.focus(this.windowId).catch(() => {});
      return;
    }
    this.opening = this.windows
      .open()
      .then(
        (id) => {
          this.windowId = id;
        },
        () => this.rejectAll(providerErrors.internal('Could not open the approval window.')),
      )
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private onWindowRemoved(windowId: string): void {
    if (windowId !== this.windowId) return;
    this.windowId = null;
    this.rejectAll(providerErrors.userRejected());
  }

  private rejectAll(error: ProviderRpcError): void {
    for (const p of this.items.splice(0)) p.reject(error);
  }
}

export class ApprovalQueueError extends Error {
  override readonly name = 'ApprovalQueueError';
  constructor(
    readonly code: 'UNKNOWN_APPROVAL',
    message: string,
  ) {
    super(message);
  }
}
