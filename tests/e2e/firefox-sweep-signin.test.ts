/**
 * The two features last added to the Chromium suite, in headless Firefox ESR with the MV3 build, the real
 * enclave-sim, anvil and the litesvm-backed Solana localnet: Sign In With Solana from a Wallet Standard dApp
 * (approved in the approval window, verified with @solana/wallet-standard-util's verifySignIn; a domain that
 * is not the page's host is refused), then eject through the page API and "Move funds" from the popup's
 * "key exported" warning, which sweeps the ETH to another anvil account with the exported key.
 */
import type { Page } from 'puppeteer';
import { type Hex, parseEther } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { rpc } from '../harness/anvil.ts';
import { findApprovalWindow } from '../harness/firefox.ts';
import { isLoopbackHost } from '../harness/loopback-proxy.ts';
import { backgroundValue } from '../harness/page-api.ts';
import { clickTestId, fillTestId, textOf, waitForTestId } from '../harness/page-ui.ts';
import { type FirefoxStack, startFirefoxStack } from '../harness/stack.ts';
import type { StaticServer } from '../harness/static-server.ts';
import { type LitesvmRpc, startLitesvmRpc } from './dapps/solana-litesvm-rpc.ts';
import { serveSolanaDapp } from './dapps/solana-serve.ts';

const PASSWORD = 'correct horse battery staple';
const STATEMENT = 'Sign in to the Solana dApp with Twofold (Firefox)';
const FUNDED_WEI = 10n ** 19n + 123_456_789n; // 10 ETH and some odd wei
/** Not the dApp page's host (127.0.0.1:<port>). */
const OTHER_DOMAIN = 'evil.example';
/** anvil's second dev account: an EOA that already holds ETH, so its balance must grow by the sweep. */
const DESTINATION = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };

describe('Firefox ESR: Sign In With Solana from a dApp, and Move funds after eject', () => {
  let stack: FirefoxStack;
  let dappServer: StaticServer;
  let chain: LitesvmRpc;
  let dapp: Page;
  let addresses: WalletAddresses;

  const call = (name: string, ...args: unknown[]) =>
    dapp.evaluate(
      (n, a) => (window as unknown as { dapp: Record<string, (...x: unknown[]) => unknown> }).dapp[n]!(...a),
      name,
      args,
    ) as Promise<Outcome>;

  /** Approval windows already answered: a closing one must not be taken for the next. */
  const answered = new Set<Page>();

  /** Start a dApp call, read the approval window it opens, press `decision`; the outcome and what was shown. */
  async function withApproval(
    decision: 'approve' | 'reject',
    name: string,
    ...args: unknown[]
  ): Promise<{ outcome: Outcome; shown: string }> {
    const result = call(name, ...args);
    // If no window comes, the test fails on that; the dApp call is then abandoned with the browser.
    result.catch(() => {});
    const win = await findApprovalWindow(stack.firefox.browser, { skip: answered });
    answered.add(win);
    await win.bringToFront();
    await waitForTestId(win, decision);
    const shown = await win.evaluate(() => document.querySelector('main')?.textContent ?? '');
    await clickTestId(win, decision);
    const outcome = await result;
    await dapp.bringToFront();
    return { outcome, shown };
  }

  /** A fresh popup tab (a moz-extension reload cannot be awaited over BiDi; a new tab can). */
  async function openPopup(): Promise<Page> {
    const popup = await stack.firefox.openExtensionPage('popup.html');
    popup.on('pageerror', (e) => console.error(`popup: page error: ${e}`));
    return popup;
  }

  beforeAll(async () => {
    [stack, dappServer, chain] = await Promise.all([
      startFirefoxStack(),
      serveSolanaDapp(),
      startLitesvmRpc(),
    ]);
    const popup = await openPopup();
    addresses = await backgroundValue(popup, 'wallet.generate', { password: PASSWORD });
    await backgroundValue(popup, 'solana.setRpcUrl', { cluster: 'localnet', rpcUrl: chain.url });
    await backgroundValue(popup, 'solana.selectCluster', { cluster: 'localnet' });
    await popup.close();
    dapp = await stack.firefox.browser.newPage();
    await dapp.goto(`${dappServer.origin}/`);
    await dapp.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await stack?.stop();
    await dappServer?.close();
    await chain?.close();
  });

  it('getWallets() finds Twofold with solana:signIn', async () => {
    const r = await call('walletNames');
    const twofold = (r.value as { name: string; features: string[] }[]).find((w) => w.name === 'Twofold');
    expect(twofold?.features).toContain('solana:signIn');
  });

  it('solana:signIn for the page’s host: approved in the window, verifySignIn accepts the output; rejecting gives 4001', async () => {
    const host = new URL(dappServer.origin).host;
    const r = await withApproval('approve', 'signInAndVerify', STATEMENT);
    expect(r.outcome).toMatchObject({
      ok: true,
      value: { verified: true, address: addresses.solana, signatureType: 'ed25519' },
    });
    const message = (r.outcome.value as { message: string }).message;
    expect(
      message.startsWith(
        `${host} wants you to sign in with your Solana account:\n${addresses.solana}\n\n${STATEMENT}\n\n` +
          `URI: ${dappServer.origin}\nVersion: 1\nChain ID: solana:localnet\nNonce: `,
      ),
    ).toBe(true);
    for (const shown of [host, addresses.solana, STATEMENT, 'solana:localnet', `${dappServer.origin}/terms`])
      expect(r.shown).toContain(shown);
    const rejected = await withApproval('reject', 'signInAndVerify', STATEMENT);
    expect(rejected.outcome).toMatchObject({ ok: false, code: 4001 });
  });

  it('solana:signIn for another domain is refused before any approval window', async () => {
    let settled = false;
    const result = call('signInAndVerify', STATEMENT, OTHER_DOMAIN).finally(() => {
      settled = true;
    });
    // Watch for a window while the call runs; one that comes is a defect: reject it so the call ends.
    let windowOpened = false;
    while (!settled) {
      const win = await findApprovalWindow(stack.firefox.browser, { skip: answered, timeoutMs: 0 }).catch(
        () => null,
      );
      if (win) {
        windowOpened = true;
        answered.add(win);
        await win.bringToFront();
        await clickTestId(win, 'reject');
      } else await new Promise((r) => setTimeout(r, 50));
    }
    const r = await result;
    expect(windowOpened).toBe(false);
    expect(r).toMatchObject({ ok: false, code: -32602 });
    expect(r.message).toContain('domain');
  });

  it('eject through the page API, then Move funds sweeps the ETH to another anvil account; at most dust stays', async () => {
    let popup = await openPopup();
    // A development build allows the self-service eject window at once.
    await backgroundValue(popup, 'eject.start', {});
    const keys = await backgroundValue(popup, 'eject.confirm', { password: PASSWORD });
    expect(privateKeyToAddress(keys.evmPrivateKey as Hex)).toBe(addresses.evm);
    expect((await backgroundValue(popup, 'wallet.status', {})).keyExported).toBe(true);
    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [addresses.evm, `0x${FUNDED_WEI.toString(16)}`]);
    await popup.close();

    popup = await openPopup();
    await waitForTestId(popup, 'warning-key-exported');
    await clickTestId(popup, 'sweep-open');
    await fillTestId(popup, 'sweep-to', DESTINATION);
    await clickTestId(popup, 'sweep-review');
    await waitForTestId(popup, 'sweep-amount');
    const quoted = parseEther((await textOf(popup, 'sweep-amount')).replace(/ ETH$/, ''));
    const feeBound = parseEther((await textOf(popup, 'sweep-fee')).replace(/ ETH$/, ''));
    expect(quoted).toBe(FUNDED_WEI - feeBound);
    const before = BigInt(await rpc<Hex>(stack.anvil.rpcUrl, 'eth_getBalance', [DESTINATION, 'latest']));
    await clickTestId(popup, 'sweep-confirm');
    await waitForTestId(popup, 'sweep-result');
    const txHash = (await textOf(popup, 'sweep-result')) as Hex;
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    await popup.close();

    const receipt = await rpc<{ status: Hex; from: string; gasUsed: Hex; effectiveGasPrice: Hex }>(
      stack.anvil.rpcUrl,
      'eth_getTransactionReceipt',
      [txHash],
    );
    expect(receipt.status).toBe('0x1');
    expect(receipt.from.toLowerCase()).toBe(addresses.evm.toLowerCase());
    const after = BigInt(await rpc<Hex>(stack.anvil.rpcUrl, 'eth_getBalance', [DESTINATION, 'latest']));
    expect(after - before).toBe(quoted);
    // What stays is the unused part of the fee bound (EIP-1559 charges at most the bound): dust.
    const left = BigInt(await rpc<Hex>(stack.anvil.rpcUrl, 'eth_getBalance', [addresses.evm, 'latest']));
    expect(left).toBe(feeBound - BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice));
    expect(left).toBeLessThanOrEqual(feeBound);
  });

  it('made no connection outside loopback', () => {
    expect(stack.firefox.proxy.requests.map((r) => r.host).filter((h) => !isLoopbackHost(h))).toEqual([]);
  });
});
