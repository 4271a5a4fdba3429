import { browser } from 'wxt/browser';

/** Open one of the extension's own pages in a tab (e.g. onboarding from the popup) and close the popup. */
export function openExtensionTab(page: 'onboarding.html', hash = ''): void {
  // WXT types getURL from the entrypoints it last saw; a plain string keeps this independent of that.
  const getURL = browser.runtime.getURL as (path: string) => string;
  void browser.tabs.create({ url: getURL(`/${page}${hash}`) });
  window.close();
}
