/** Which browser and manifest version this build targets (WXT sets both at build time). */
export type BrowserName = 'chrome' | 'firefox';

export interface PlatformTarget {
  browser: BrowserName;
  manifestVersion: 2 | 3;
}

/** The build's target. Outside a WXT build (unit tests) it is Chrome MV3 unless told otherwise. */
export function currentTarget(): PlatformTarget {
  const env = (import.meta as { env?: { BROWSER?: string; MANIFEST_VERSION?: number } }).env;
  return {
    browser: env?.BROWSER === 'firefox' ? 'firefox' : 'chrome',
    manifestVersion: env?.MANIFEST_VERSION === 2 ? 2 : 3,
  };
}
