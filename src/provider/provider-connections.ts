import type { ProviderEvents } from './provider-context.ts';
import { INPAGE_TARGET, type ProviderEventFrame, type ProviderEventName } from './relay-wire.ts';

export interface EventPort {
  postMessage(message: unknown): void;
}

/**
 * Every open provider port, grouped by the origin the browser reported for it. Events go to all ports of
 * one origin (accountsChanged) or to every port (chainChanged: the selected chain is public).
 */
export class ProviderConnections implements ProviderEvents {
  private readonly ports = new Map<string, Set<EventPort>>();

  add(origin: string, port: EventPort): () => void {
    const set = this.ports.get(origin) ?? new Set<EventPort>();
    this.ports.set(origin, set);
    set.add(port);
    return () => {
      set.delete(port);
      if (set.size === 0 && this.ports.get(origin) === set) this.ports.delete(origin);
    };
  }

  origins(): string[] {
    return [...this.ports.keys()];
  }

  emit(origin: string, event: ProviderEventName, data: unknown): void {
    for (const port of this.ports.get(origin) ?? []) send(port, event, data);
  }

  broadcast(event: ProviderEventName, data: unknown): void {
    for (const set of this.ports.values()) for (const port of set) send(port, event, data);
  }
}

export function send(port: EventPort, event: ProviderEventName, data: unknown): void {
  const frame: ProviderEventFrame = { target: INPAGE_TARGET, kind: 'event', event, data };
  try {
    port.postMessage(frame);
  } catch {
    // The page went away; its port's disconnect handler removes it.
  }
}
