import { browser } from 'wxt/browser';
import { oneShotAlarms } from './alarms.ts';
import {
  type ApprovalSurface,
  focusApprovalSurface,
  onApprovalSurfaceClosed,
  openApprovalSurface,
  type TabsApiLike,
  type WindowsApiLike,
} from './approval-surface.ts';
import { backgroundLifetime, keepAwakeWhile } from './background-lifetime.ts';
import { type SessionAreaLike, sessionArea } from './session-storage.ts';
import { currentTarget } from './target.ts';

/**
 * The platform functions bound to the real extension APIs of the running browser: what the background and
 * the pages call. (The unbound functions in the other files take the APIs as arguments, for unit tests.)
 */
const surfaces = () => ({
  windows: (browser as unknown as { windows?: WindowsApiLike }).windows,
  tabs: browser.tabs as unknown as TabsApiLike,
});

export const platform = {
  target: currentTarget,
  lifetime: () => backgroundLifetime(currentTarget()),
  /** Keep the background running while `work` runs (e.g. an enclave exchange); see background-lifetime.ts. */
  keepAwakeWhile: <T>(work: () => Promise<T>) =>
    keepAwakeWhile(work, { ping: () => browser.runtime.getPlatformInfo() }),
  /** storage.session, or memory where missing (fails safe: the vault locks when the background stops). */
  sessionArea: () => sessionArea((browser as unknown as { storage?: { session?: SessionAreaLike } }).storage),
  alarms: () => oneShotAlarms(browser.alarms),
  openApprovalSurface: (pagePath: string, size?: { width: number; height: number }) =>
    openApprovalSurface(surfaces(), (browser.runtime.getURL as (p: string) => string)(pagePath), size),
  focusApprovalSurface: (surface: ApprovalSurface) => focusApprovalSurface(surfaces(), surface),
  onApprovalSurfaceClosed: (listener: (surface: ApprovalSurface) => void) =>
    onApprovalSurfaceClosed(surfaces(), listener),
};
