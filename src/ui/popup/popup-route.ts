/** The popup's pages (state-based routing: no hash, so reopening the popup starts at home). */
// 'solana-send' is reached from home, not from the nav bar.
export type PopupRoute =
  | 'home'
  | 'send'
  | 'solana-send'
  | 'backup'
  | 'eject'
  | 'health'
  | 'sites'
  | 'settings';

export const NAV_ITEMS: [PopupRoute, string][] = [
  ['home', 'Home'],
  ['send', 'Send'],
  ['backup', 'Backup'],
  ['health', 'Health'],
  ['sites', 'Sites'],
  ['settings', 'Settings'],
  ['eject', 'Eject'],
];
