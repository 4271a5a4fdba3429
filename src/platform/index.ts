// The one place for what differs between Chrome and Firefox: the rest of the extension calls these.
export {
  type AlarmsApiLike,
  effectiveAlarmDelayMinutes,
  minimumAlarmDelayMinutes,
  oneShotAlarms,
} from './alarms.ts';
export {
  type ApprovalSurface,
  focusApprovalSurface,
  onApprovalSurfaceClosed,
  openApprovalSurface,
} from './approval-surface.ts';
export { type BackgroundLifetime, backgroundLifetime, keepAwakeWhile } from './background-lifetime.ts';
export { platform } from './browser-platform.ts';
export { saveTextFile } from './save-file.ts';
export { memorySessionArea, type SessionArea, sessionArea } from './session-storage.ts';
export { type BrowserName, currentTarget, type PlatformTarget } from './target.ts';
