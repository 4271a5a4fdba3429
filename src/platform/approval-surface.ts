/** The parts of `browser.windows` / `browser.tabs` needed to show an approval page. */
export interface WindowsApiLike {
  create(info: {
    url: string;
    type: 'popup';
    width: number;
    height: number;
  }): Promise<{ id?: number; tabs?: { id?: number }[] } | undefined>;
  update(windowId: number, info: { focused: boolean }): Promise<unknown>;
  onRemoved: RemovedEvent;
}

export interface TabsApiLike {
  create(info: { url: string; active: boolean }): Promise<{ id?: number; windowId?: number }>;
  update(tabId: number, info: { active: boolean }): Promise<unknown>;
  onRemoved: RemovedEvent;
}

/** `windows.onRemoved` / `tabs.onRemoved`: called with the id of the window or tab that closed. */
export interface RemovedEvent {
  addListener(cb: (id: number) => void): void;
  removeListener(cb: (id: number) => void): void;
}

/** Where an approval page was opened: its own popup window (desktop) or a tab (no windows API). */
export interface ApprovalSurface {
  kind: 'window' | 'tab';
  /** The window id, or the tab id when kind is 'tab'. */
  id: number;
}

/**
 * Open an extension page for an approval. Desktop Chrome and Firefox get a popup window of its own (the
 * toolbar popup closes on blur); where `browser.windows` is missing (Firefox for Android) a tab instead.
 * Firefox ignores `focused` and the position in windows.create, so neither is passed.
 */
export async function openApprovalSurface(
  api: { windows?: WindowsApiLike; tabs: TabsApiLike },
  url: string,
  size = { width: 420, height: 680 },
): Promise<ApprovalSurface> {
  if (api.windows) {
    const w = await api.windows.create({ url, type: 'popup', ...size });
    if (w?.id === undefined) throw new Error('the browser returned no window id');
    return { kind: 'window', id: w.id };
  }
  const tab = await api.tabs.create({ url, active: true });
  if (tab.id === undefined) throw new Error('the browser returned no tab id');
  return { kind: 'tab', id: tab.id };
}

export async function focusApprovalSurface(
  api: { windows?: WindowsApiLike; tabs: TabsApiLike },
  surface: ApprovalSurface,
): Promise<void> {
  if (surface.kind === 'window') await api.windows?.update(surface.id, { focused: true });
  else await api.tabs.update(surface.id, { active: true });
}

/**
 * Call `listener(surface)` when the user closes an approval window or tab (= rejects it). Returns the
 * function that stops listening.
 */
export function onApprovalSurfaceClosed(
  api: { windows?: WindowsApiLike; tabs: TabsApiLike },
  listener: (surface: ApprovalSurface) => void,
): () => void {
  const onWindow = (id: number) => listener({ kind: 'window', id });
  const onTab = (id: number) => listener({ kind: 'tab', id });
  api.windows?.onRemoved.addListener(onWindow);
  api.tabs.onRemoved.addListener(onTab);
  return () => {
    api.windows?.onRemoved.removeListener(onWindow);
    api.tabs.onRemoved.removeListener(onTab);
  };
}
