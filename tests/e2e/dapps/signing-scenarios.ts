/**
 * The signing steps of issue 7, used by `../provider-signing.test.ts` (which creates a wallet through
 * onboarding and funds it on anvil first). Each step drives the dApp's own library (ethers v6 or viem) and
 * the approval window by its public test ids (`approve`, `reject`), and returns what the test asserts;
 * `inspect` reads the approval window before the decision.
 */
import type { Browser, Page, Target } from 'puppeteer';

type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };

const call = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    (n, a) => (window as unknown as { dapp: Record<string, (...x: unknown[]) => unknown> }).dapp[n]!(...a),
    name,
    args,
  ) as Promise<Outcome>;

/** Start a dApp call, answer the approval window with `decision`, return the dApp's outcome. */
export async function withApproval(
  browser: Browser,
  page: Page,
  decision: 'approve' | 'reject' | 'close',
  name: string,
  ...args: unknown[]
): Promise<Outcome> {
  return withApprovalInspected(browser, page, decision, async () => {}, name, ...args);
}

/**
 * The approval window showing the new request. The window of a previous request may still be closing when
 * this one is asked for (it closes itself after a decision): a target that closes under us is skipped and
 * the search starts again.
 */
async function openApprovalWindow(browser: Browser): Promise<Page> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const target = await browser.waitForTarget((t: Target) => t.url().endsWith('/approval.html'), {
      timeout: 15_000,
    });
    try {
      const win = (await target.page()) ?? (await target.asPage());
      await win.waitForSelector(`[data-testid="approve"]`, { timeout: 15_000 });
      return win;
    } catch (e) {
      let chain = '';
      for (let c: unknown = e; c instanceof Error; c = c.cause) chain += ` ${c.name} ${c.message}`;
      if (!/closed|detached/i.test(chain)) throw e;
      lastError = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw lastError;
}

export async function withApprovalInspected(
  browser: Browser,
  page: Page,
  decision: 'approve' | 'reject' | 'close',
  inspect: (approvalWindow: Page) => Promise<void>,
  name: string,
  ...args: unknown[]
): Promise<Outcome> {
  const result = call(page, name, ...args);
  const win = await openApprovalWindow(browser);
  await inspect(win);
  if (decision === 'close') await win.close();
  else await win.click(`[data-testid="${decision}"]`);
  return result;
}

export { call as callDapp };

export const signingScenarios = {
  /** ethers connect, rejected: expect { ok: false, code: 4001 }. */
  connectRejected: (b: Browser, ethersPage: Page) => withApproval(b, ethersPage, 'reject', 'connect'),
  /** ethers connect, approved: expect { ok: true, value: <wallet address> }. */
  connectApproved: (b: Browser, ethersPage: Page) => withApproval(b, ethersPage, 'approve', 'connect'),
  /** personal_sign: expect value.recovered === value.signer (ethers.verifyMessage). */
  personalSign: (b: Browser, ethersPage: Page, message = 'Sign in to the demo dApp') =>
    withApproval(b, ethersPage, 'approve', 'signAndVerify', message),
  /** eth_sendTransaction mined on anvil: expect value.status === 1 and the recipient's balance grew by `ether`. */
  sendTransaction: (b: Browser, ethersPage: Page, to: string, ether = '0.25') =>
    withApproval(b, ethersPage, 'approve', 'send', to, ether),
  /** viem connect through EIP-6963, then eth_signTypedData_v4: expect value.valid === true (verifyTypedData). */
  viemConnect: (b: Browser, viemPage: Page) => withApproval(b, viemPage, 'approve', 'connect'),
  typedData: (b: Browser, viemPage: Page) => withApproval(b, viemPage, 'approve', 'signTypedDataAndVerify'),
  /** wallet_revokePermissions: expect ok, then window.dapp.events() to end with accountsChanged []. */
  revoke: (ethersPage: Page) => call(ethersPage, 'revoke'),
  events: (page: Page) =>
    page.evaluate(() =>
      (window as unknown as { dapp: { events(): { event: string; data: unknown }[] } }).dapp.events(),
    ),
};
