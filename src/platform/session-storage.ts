/** The part of `storage.session` the wallet uses (structural: no import of wxt/browser needed). */
export interface SessionAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface SessionArea extends SessionAreaLike {
  /** True for the browser's storage.session (survives a background stop, gone when the browser closes). */
  survivesBackgroundStop: boolean;
}

/** An in-memory area: what is kept here is lost whenever the background stops (i.e. the vault locks). */
export function memorySessionArea(): SessionArea {
  const items = new Map<string, unknown>();
  return {
    survivesBackgroundStop: false,
    async get(key) {
      return items.has(key) ? { [key]: items.get(key) } : {};
    },
    async set(values) {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
    async remove(key) {
      items.delete(key);
    },
  };
}

/**
 * storage.session where the browser has it (Chrome ≥ 102, Firefox ≥ 115 in MV2 and MV3; our minimum is
 * 140), otherwise memory, which fails safe: the unlocked key is forgotten and the wallet asks for the
 * password again.
 */
export function sessionArea(storage: { session?: SessionAreaLike } | undefined): SessionArea {
  const session = storage?.session;
  if (!session) return memorySessionArea();
  return {
    survivesBackgroundStop: true,
    get: (k) => session.get(k),
    set: (v) => session.set(v),
    remove: (k) => session.remove(k),
  };
}
