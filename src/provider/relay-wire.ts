/**
 * Frames between the page's provider (MAIN world), the isolated relay (content script) and the
 * background. The page side tags its frames so the relay can tell them from other postMessage traffic;
 * the relay never trusts an origin written by the page (the background takes it from the port's sender).
 */
export const INPAGE_TARGET = 'twofold:inpage';
export const RELAY_TARGET = 'twofold:relay';
export const PROVIDER_PORT_NAME = 'twofold:provider';

export interface RpcRequestFrame {
  target: typeof RELAY_TARGET;
  kind: 'request';
  id: string;
  method: string;
  params?: unknown;
}

export interface RpcResponseFrame {
  target: typeof INPAGE_TARGET;
  kind: 'response';
  id: string;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export type ProviderEventName = 'connect' | 'disconnect' | 'chainChanged' | 'accountsChanged' | 'message';
export const PROVIDER_EVENTS: readonly ProviderEventName[] = [
  'connect',
  'disconnect',
  'chainChanged',
  'accountsChanged',
  'message',
];

export interface ProviderEventFrame {
  target: typeof INPAGE_TARGET;
  kind: 'event';
  event: ProviderEventName;
  data: unknown;
}

/** The relay's first frame on every (re)connected port; the background answers with a `connect` event. */
export interface RelayHelloFrame {
  target: typeof RELAY_TARGET;
  kind: 'hello';
}

export function isHelloFrame(data: unknown): data is RelayHelloFrame {
  const f = data as Record<string, unknown> | null;
  return typeof f === 'object' && f !== null && f.target === RELAY_TARGET && f.kind === 'hello';
}

export type RelayToPageFrame = RpcResponseFrame | ProviderEventFrame;

const MAX_ID = 128;
const MAX_METHOD = 128;

/** Accept only well-formed request frames from the page (everything else is silently ignored). */
export function parseRequestFrame(data: unknown): RpcRequestFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const f = data as Record<string, unknown>;
  if (f.target !== RELAY_TARGET || f.kind !== 'request') return null;
  if (typeof f.id !== 'string' || f.id.length === 0 || f.id.length > MAX_ID) return null;
  if (typeof f.method !== 'string' || f.method.length === 0 || f.method.length > MAX_METHOD) return null;
  return { target: RELAY_TARGET, kind: 'request', id: f.id, method: f.method, params: f.params };
}

export function parsePageBoundFrame(data: unknown): RelayToPageFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const f = data as Record<string, unknown>;
  if (f.target !== INPAGE_TARGET) return null;
  if (f.kind === 'response' && typeof f.id === 'string') return f as unknown as RpcResponseFrame;
  if (f.kind === 'event' && PROVIDER_EVENTS.includes(f.event as ProviderEventName))
    return f as unknown as ProviderEventFrame;
  return null;
}
