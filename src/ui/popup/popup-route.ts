/** The popup's pages (state-based routing: no hash, so reopening the popup starts at home). */
// 'solana-send' and 'sweep' are reached from home (and 'sweep' from eject), 'change-password' from settings,
// 'exported-keys' from settings and eject (ejected wallets), not from the nav bar.
export type PopupRoute =
  | 'home'
  | 'send'
  | 'solana-send'
  | 'sweep'
  | 'backup'
  | 'eject'
  | 'health'
  | 'sites'
  | 'settings'
  | 'change-password'
  | 'exported-keys';

export const NAV_ITEMS: [PopupRoute, string][] = [
  ['home', 'Home'],
  ['send', 'Send'],
  ['backup', 'Backup'],
  ['health', 'Health'],
  ['sites', 'Sites'],
  ['settings', 'Settings'],
  ['eject', 'Eject'],
];

/** The nav item a page belongs to, so a sub-page keeps its section marked in the nav bar. */
export function navSection(route: PopupRoute): PopupRoute {
  return route === 'change-password' || route === 'exported-keys' ? 'settings' : route;
}
