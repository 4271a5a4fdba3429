/** EIP-6963 multi-wallet discovery: announce on load and again on every `eip6963:requestProvider`. */
export interface Eip6963ProviderInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export const TWOFOLD_RDNS = 'dev.twofold';

// 32×32 SVG: two halves of one key.
export const TWOFOLD_ICON =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 3a13 13 0 0 0 0 26z" fill="#4f46e5"/><path d="M16 3a13 13 0 0 1 0 26z" fill="#14b8a6"/></svg>',
  );

export function makeProviderInfo(uuid: string = crypto.randomUUID()): Eip6963ProviderInfo {
  return { uuid, name: 'Twofold', icon: TWOFOLD_ICON, rdns: TWOFOLD_RDNS };
}

export function announceProvider(win: Window, info: Eip6963ProviderInfo, provider: unknown): void {
  const detail = Object.freeze({ info: Object.freeze({ ...info }), provider });
  const announce = () => win.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  announce();
  win.addEventListener('eip6963:requestProvider', announce);
}
