/**
 * Solana in real Chromium: the built extension with the real enclave-sim, a dApp that finds wallets with
 * @wallet-standard/app `getWallets()`, the approval window driven by its test ids, and a litesvm-backed
 * JSON-RPC as the localnet cluster (the sent transfer really executes).
 */
import {
  type Address,
  generateKeyPairSigner,
  getBase58Decoder,
  getPublicKeyFromAddress,
  getTransactionDecoder,
  lamports,
  verifySignature,
} from '@solana/kit';
import { FailedTransactionMetadata } from 'litesvm';
import type { Browser, Page, Target } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { backgroundValue } from '../harness/page-api.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import type { StaticServer } from '../harness/static-server.ts';
import { type LitesvmRpc, startLitesvmRpc } from './dapps/solana-litesvm-rpc.ts';
import { serveSolanaDapp } from './dapps/solana-serve.ts';

const PASSWORD = 'correct horse battery staple';
type Outcome = { ok: boolean; value?: unknown; code?: number | string; message?: string };

const pageApi = backgroundValue;

const call = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    (n, a) => (window as unknown as { dapp: Record<string, (...x: unknown[]) => unknown> }).dapp[n]!(...a),
    name,
    args,
  ) as Promise<Outcome>;

const handled = new Set<Target>();

/** Start a dApp call, read the approval window, answer it; returns the dApp's outcome and what was shown. */
async function withApproval(
  browser: Browser,
  page: Page,
  decision: 'approve' | 'reject',
  name: string,
  ...args: unknown[]
): Promise<{ outcome: Outcome; shown: string }> {
  const result = call(page, name, ...args);
  const target = await browser.waitForTarget((t) => t.url().endsWith('/approval.html') && !handled.has(t), {
    timeout: 30_000,
  });
  handled.add(target);
  const win = (await target.page()) ?? (await target.asPage());
  await win.waitForSelector('[data-testid="approve"]', { timeout: 30_000 });
  const shown = await win.evaluate(() => document.querySelector('main')?.textContent ?? '');
  await win.click(`[data-testid="${decision}"]`);
  return { outcome: await result, shown };
}

describe('Solana Wallet Standard wallet in Chromium', () => {
  let stack: Stack;
  let dapp: StaticServer;
  let chain: LitesvmRpc;
  let page: Page;
  let popup: Page;
  let addr: WalletAddresses;

  beforeAll(async () => {
    [stack, dapp, chain] = await Promise.all([startStack(), serveSolanaDapp(), startLitesvmRpc()]);
    popup = await stack.chrome.browser.newPage();
    await popup.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    addr = await pageApi(popup, 'wallet.generate', { password: PASSWORD });
    // The localnet cluster's RPC is a per-cluster setting; point it at the litesvm endpoint.
    await pageApi(popup, 'solana.setRpcUrl', { cluster: 'localnet', rpcUrl: chain.url });
    await pageApi(popup, 'solana.selectCluster', { cluster: 'localnet' });
    page = await stack.chrome.browser.newPage();
    await page.goto(`${dapp.origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await stack?.stop();
    await dapp?.close();
    await chain?.close();
  });

  it('getWallets() finds Twofold with the Solana chains and features', async () => {
    const r = await call(page, 'walletNames');
    const twofold = (r.value as { name: string; chains: string[]; features: string[] }[]).find(
      (w) => w.name === 'Twofold',
    );
    expect(twofold?.chains).toEqual(['solana:mainnet', 'solana:devnet', 'solana:localnet']);
    expect(twofold?.features.sort()).toEqual(
      [
        'standard:connect',
        'standard:disconnect',
        'standard:events',
        'solana:signIn',
        'solana:signMessage',
        'solana:signTransaction',
        'solana:signAndSendTransaction',
      ].sort(),
    );
  });

  it('connect: rejecting gives 4001; approving returns the wallet’s Solana address', async () => {
    const rejected = await withApproval(stack.chrome.browser, page, 'reject', 'connect');
    expect(rejected.outcome).toMatchObject({ ok: false, code: 4001 });
    const approved = await withApproval(stack.chrome.browser, page, 'approve', 'connect');
    expect(approved.shown).toContain(addr.solana);
    expect(approved.outcome).toEqual({
      ok: true,
      value: {
        address: addr.solana,
        chains: ['solana:mainnet', 'solana:devnet', 'solana:localnet'],
        publicKeyMatches: true,
      },
    });
    expect((await call(page, 'changes')).value).toEqual([[addr.solana]]);
  });

  it('signs a message (shown as text, verified by the dApp with kit); rejecting gives 4001', async () => {
    const text = 'Sign in to the Solana dApp';
    const signed = await withApproval(stack.chrome.browser, page, 'approve', 'signMessageAndVerify', text);
    expect(signed.shown).toContain(text);
    expect(signed.outcome).toEqual({ ok: true, value: { valid: true, sameMessage: true } });
    const rejected = await withApproval(stack.chrome.browser, page, 'reject', 'signMessageAndVerify', 'no');
    expect(rejected.outcome).toMatchObject({ ok: false, code: 4001 });
  });

  it('signIn: the approval shows every field; the dApp’s verifySignIn accepts the output; rejecting gives 4001', async () => {
    const statement = 'Sign in to the Solana dApp with Twofold';
    const r = await withApproval(stack.chrome.browser, page, 'approve', 'signInAndVerify', statement);
    const host = new URL(dapp.origin).host;
    expect(r.outcome).toMatchObject({
      ok: true,
      value: { verified: true, address: addr.solana, signatureType: 'ed25519' },
    });
    const message = (r.outcome.value as { message: string }).message;
    expect(
      message.startsWith(
        `${host} wants you to sign in with your Solana account:\n${addr.solana}\n\n${statement}\n\nURI: ${dapp.origin}\nVersion: 1\nChain ID: solana:localnet\nNonce: `,
      ),
    ).toBe(true);
    for (const shown of [
      host,
      addr.solana,
      statement,
      'solana:localnet',
      `${dapp.origin}/terms`,
      'Expiration Time',
    ])
      expect(r.shown).toContain(shown);
    const rejected = await withApproval(stack.chrome.browser, page, 'reject', 'signInAndVerify', statement);
    expect(rejected.outcome).toMatchObject({ ok: false, code: 4001 });
  });

  it('signs a v0 transaction shown decoded; the signed transfer executes in litesvm', async () => {
    chain.svm.airdrop(addr.solana as Address, lamports(3_000_000_000n));
    const to = (await generateKeyPairSigner()).address;
    const blockhash = chain.svm.latestBlockhash();
    const r = await withApproval(
      stack.chrome.browser,
      page,
      'approve',
      'signTransactionAndVerify',
      to,
      '250000000',
      blockhash,
      0,
    );
    expect(r.shown).toContain('System Program: Transfer SOL');
    expect(r.shown).toContain('0.25 SOL (250000000 lamports)');
    expect(r.shown).toContain(addr.solana);
    const v = r.outcome.value as { valid: boolean; signedTransaction: string };
    expect(r.outcome.ok).toBe(true);
    expect(v.valid).toBe(true);
    const tx = getTransactionDecoder().decode(
      Uint8Array.from(atob(v.signedTransaction), (c) => c.charCodeAt(0)),
    );
    const key = await getPublicKeyFromAddress(addr.solana as Address);
    expect(await verifySignature(key, tx.signatures[addr.solana as Address]!, tx.messageBytes)).toBe(true);
    expect(chain.svm.sendTransaction(tx)).not.toBeInstanceOf(FailedTransactionMetadata);
    expect(chain.svm.getBalance(to)).toBe(250_000_000n);
  });

  it('signAndSendTransaction sends to the localnet RPC (litesvm): balances change', async () => {
    const to = (await generateKeyPairSigner()).address;
    const before = chain.svm.getBalance(addr.solana as Address)!;
    const r = await withApproval(
      stack.chrome.browser,
      page,
      'approve',
      'signAndSend',
      to,
      '1000000',
      chain.svm.latestBlockhash(),
    );
    expect(r.shown).toContain('Send Solana transaction');
    expect(r.outcome.ok).toBe(true);
    const sig = Uint8Array.from(atob((r.outcome.value as { signature: string }).signature), (c) =>
      c.charCodeAt(0),
    );
    expect(chain.sent).toContain(getBase58Decoder().decode(sig));
    expect(chain.svm.getBalance(to)).toBe(1_000_000n);
    expect(chain.svm.getBalance(addr.solana as Address)).toBe(before - 1_000_000n - 5000n);
  });

  it('popup page API: SOL balance of the selected cluster, and send SOL (executes in litesvm)', async () => {
    const before = chain.svm.getBalance(addr.solana as Address)!;
    expect(await pageApi(popup, 'solana.balance', {})).toEqual({
      address: addr.solana,
      cluster: 'localnet',
      lamports: before.toString(),
      sol: expect.any(String),
    });
    const to = (await generateKeyPairSigner()).address;
    const { signature } = await pageApi(popup, 'solana.send', { to, amount: '0.5' });
    expect(chain.sent).toContain(signature);
    expect(chain.svm.getBalance(to)).toBe(500_000_000n);
    expect(chain.svm.getBalance(addr.solana as Address)).toBe(before - 500_000_000n - 5000n);
  });
});
