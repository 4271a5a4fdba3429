/**
 * What the Chromium and Firefox plumbing tests both check, written once: a dApp page that records what its
 * first inline script sees, EIP-6963 announcements, eth_chainId and an unknown method through the relay,
 * and the popup's enclave/network lines.
 */
import type { Page } from 'puppeteer';
import { expect } from 'vitest';

/** The dApp page records what its very first inline script sees, before any other script runs. */
export const PLUMBING_DAPP_HTML = `<!doctype html><html><head><script>
  window.__first = { hasEthereum: typeof window.ethereum === 'object' && window.ethereum !== null,
                     isTwofold: !!(window.ethereum && window.ethereum.isTwofold) };
  window.__announced = [];
  window.addEventListener('eip6963:announceProvider', (e) => window.__announced.push(e.detail));
</script></head><body><h1>demo dApp</h1></body></html>`;

type EthereumWindow = { ethereum: { request(a: { method: string }): Promise<unknown> } };

export async function expectProviderAtFirstScript(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __first: unknown }).__first)).toEqual({
    hasEthereum: true,
    isTwofold: true,
  });
}

/**
 * The initial announcement fired at document_start, before any page listener existed (as EIP-6963
 * expects): a dApp asks, and every ask is answered with the same info (name, rdns, UUIDv4, icon).
 */
export async function expectAnnouncedOnEveryRequest(page: Page): Promise<void> {
  const r = await page.evaluate(() => {
    const w = window as unknown as {
      __announced: { info: { uuid: string; name: string; icon: string; rdns: string }; provider: unknown }[];
    };
    const before = w.__announced.length;
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    const afterFirst = w.__announced.length;
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    const all = w.__announced.map((d) => ({
      ...d.info,
      same: d.provider === (window as { ethereum?: unknown }).ethereum,
    }));
    return { before, afterFirst, all };
  });
  expect(r.afterFirst - r.before).toBe(1);
  expect(r.all.length).toBe(r.before + 2);
  const info = r.all.at(-1)!;
  expect(info.name).toBe('Twofold');
  expect(info.rdns).toBe('dev.twofold');
  expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(info.icon.startsWith('data:image/')).toBe(true);
  expect(info.same).toBe(true);
  expect(new Set(r.all.map((i) => i.uuid)).size).toBe(1);
}

export function pageChainId(page: Page): Promise<unknown> {
  return page.evaluate(() =>
    (window as unknown as EthereumWindow).ethereum.request({ method: 'eth_chainId' }),
  );
}

/** The EIP-1193 error code of an unknown method (4200 expected). */
export function unknownMethodCode(page: Page): Promise<number | null> {
  return page.evaluate(() =>
    (window as unknown as EthereumWindow).ethereum.request({ method: 'eth_doesNotExist' }).then(
      () => null,
      (e: { code: number }) => e.code,
    ),
  );
}

/** The popup shows the enclave's versioned hello and the selected network. */
export async function expectPopupConnected(popup: Page): Promise<void> {
  await popup.waitForSelector('[data-testid="enclave-status"]', { timeout: 20_000 });
  expect(await popup.$eval('[data-testid="enclave-status"]', (el) => el.textContent)).toBe(
    'connected (protocol v1)',
  );
  expect(await popup.$eval('[data-testid="network-name"]', (el) => el.textContent)).toBe(
    'Anvil Local (31337)',
  );
}
