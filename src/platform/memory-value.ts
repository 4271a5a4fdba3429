/**
 * A value kept in memory behind the same load/save shape as the extension's storage.local stores (tests,
 * and a fallback where storage is unavailable). Copies in and out, as storage does, so a caller never holds
 * the stored object itself.
 */
export function memoryValue<T>(initial: T): { load(): Promise<T>; save(value: T): Promise<void> } {
  let value = structuredClone(initial);
  return {
    load: async () => structuredClone(value),
    save: async (v) => {
      value = structuredClone(v);
    },
  };
}
