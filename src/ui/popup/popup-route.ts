/** The popup's pages (state-based routing: no hash, so reopening the popup starts at home). */
export type PopupRoute = 'home' | 'send' | 'backup' | 'eject' | 'health' | 'sites' | 'settings';

export const NAV_ITEMS: [PopupRoute, string][] = [
  ['home', 'Home'],
  ['send', 'Send'],
  ['backup', 'Backup'],
  ['health', 'Health'],
  ['sites', 'Sites'],
  ['settings', 'Settings'],
  ['eject', 'Eject'],
];
