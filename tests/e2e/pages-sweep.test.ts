/**
 * Move funds (sweep, SPEC §4.7), in real Chromium with the built extension, the real enclave-sim, anvil and
 * a litesvm-backed Solana localnet: a wallet made and funded through the page API first sweeps its ETH
 * co-signed with the enclave (home's "Move all funds"); then it is ejected through the page API, and the
 * sweep screen reached from the "key exported" warning moves all the ETH and all the SOL to fresh
 * addresses, signed with the exported keys. The chains are asked what moved.
 */
import { generateKeyPairSigner, lamports } from '@solana/kit';
import type { Page } from 'puppeteer';
import { formatEther, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { rpc } from '../harness/anvil.ts';
import { backgroundValue } from '../harness/page-api.ts';
import { byTestId, clickTestId, fillTestId, textOf, waitForTestId } from '../harness/page-ui.ts';
import { type Stack, startStack } from '../harness/stack.ts';
import { type LitesvmRpc, startLitesvmRpc } from './dapps/solana-litesvm-rpc.ts';

const PASSWORD = 'correct horse battery staple';
const FUNDED_WEI = 10n ** 19n + 123_456_789n; // 10 ETH and some odd wei
const FUNDED_LAMPORTS = 2_000_000_000n;
const SOLANA_FEE = 5000n; // one signature on litesvm

async function noOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

describe('Move funds (sweep) in the popup: co-signed, then after eject with the exported keys', () => {
  let stack: Stack;
  let sol: LitesvmRpc;
  let popup: Page;
  let addresses: WalletAddresses;

  beforeAll(async () => {
    [stack, sol] = await Promise.all([startStack(), startLitesvmRpc()]);
    popup = await stack.chrome.browser.newPage();
    await popup.setViewport({ width: 360, height: 600 });
    popup.on('pageerror', (e) => console.error(`popup: page error: ${e}`));
    await popup.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
    addresses = await backgroundValue(popup, 'wallet.generate', { password: PASSWORD });
    await backgroundValue(popup, 'solana.setRpcUrl', { cluster: 'localnet', rpcUrl: sol.url });
    await backgroundValue(popup, 'solana.selectCluster', { cluster: 'localnet' });
    sol.svm.airdrop(addresses.solana as never, lamports(FUNDED_LAMPORTS));
  });

  afterAll(async () => {
    await stack?.stop();
    await sol?.close();
  });

  const fund = (wei: bigint) =>
    rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [addresses.evm, `0x${wei.toString(16)}`]);

  /**
   * Review and confirm an ETH sweep of `funded` wei to a fresh EOA on the open sweep form; then ask anvil:
   * the destination got exactly balance − 21000 × maxFeePerGas (as reviewed), the wallet kept the unused
   * part of that bound and nothing more.
   */
  async function sweepEthAndCheck(funded: bigint): Promise<void> {
    const dest = privateKeyToAddress(generatePrivateKey());
    await fillTestId(popup, 'sweep-to', dest);
    await clickTestId(popup, 'sweep-review');
    await waitForTestId(popup, 'sweep-amount');
    const shownAmount = await textOf(popup, 'sweep-amount');
    const shownFee = await textOf(popup, 'sweep-fee');
    expect(await textOf(popup, 'sweep-destination')).toBe(dest);
    expect(await popup.evaluate(() => document.body.textContent)).toContain('dust');
    await noOverflow(popup);
    await clickTestId(popup, 'sweep-confirm');
    await waitForTestId(popup, 'sweep-result');
    const txHash = (await textOf(popup, 'sweep-result')) as Hex;
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    await noOverflow(popup);

    const receipt = await rpc<{ status: string; gasUsed: Hex; effectiveGasPrice: Hex; from: string }>(
      stack.anvil.rpcUrl,
      'eth_getTransactionReceipt',
      [txHash],
    );
    const tx = await rpc<{ value: Hex; gas: Hex; maxFeePerGas: Hex; type: Hex }>(
      stack.anvil.rpcUrl,
      'eth_getTransactionByHash',
      [txHash],
    );
    expect(receipt.status).toBe('0x1');
    expect(receipt.from.toLowerCase()).toBe(addresses.evm.toLowerCase());
    expect(tx.type).toBe('0x2');
    expect(BigInt(tx.gas)).toBe(21_000n);
    const maxFeeBound = 21_000n * BigInt(tx.maxFeePerGas);
    const value = BigInt(tx.value);
    expect(value).toBe(funded - maxFeeBound);
    expect(shownAmount).toBe(`${formatEther(value)} ETH`);
    expect(shownFee).toBe(`${formatEther(maxFeeBound)} ETH`);
    const destBalance = BigInt(await rpc<Hex>(stack.anvil.rpcUrl, 'eth_getBalance', [dest, 'latest']));
    expect(destBalance).toBe(funded - maxFeeBound);
    const left = BigInt(await rpc<Hex>(stack.anvil.rpcUrl, 'eth_getBalance', [addresses.evm, 'latest']));
    const charged = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
    expect(left).toBe(maxFeeBound - charged);
    expect(left).toBeLessThanOrEqual(maxFeeBound);
  }

  it('any wallet, co-signed with the enclave: Move all funds on home sweeps the ETH', async () => {
    await fund(FUNDED_WEI);
    await popup.reload();
    await waitForTestId(popup, 'home-view');
    expect(await popup.$(byTestId('warning-key-exported'))).toBeNull();
    await clickTestId(popup, 'home-sweep');
    await waitForTestId(popup, 'sweep-to');
    await sweepEthAndCheck(FUNDED_WEI);
  });

  it('eject through the page API: the wallet then shows "key exported"', async () => {
    // A development build allows the self-service eject window at once.
    await backgroundValue(popup, 'eject.start', {});
    const keys = await backgroundValue(popup, 'eject.confirm', { password: PASSWORD });
    expect(privateKeyToAddress(keys.evmPrivateKey as Hex)).toBe(addresses.evm);
    expect((await backgroundValue(popup, 'wallet.status', {})).keyExported).toBe(true);
  });

  /** Home → the "key exported" warning's Move funds button → the sweep form. */
  async function openSweep(): Promise<void> {
    await popup.reload();
    await waitForTestId(popup, 'warning-key-exported');
    await clickTestId(popup, 'sweep-open');
    await waitForTestId(popup, 'sweep-to');
  }

  it('after eject, signed with the exported key: ETH balance − 21000 × maxFeePerGas moves, at most dust stays', async () => {
    await fund(FUNDED_WEI);
    await openSweep();
    await noOverflow(popup);
    // The wallet's own address is refused in the page; a contract by the background.
    await fillTestId(popup, 'sweep-to', addresses.evm.toLowerCase());
    expect(await popup.$eval(byTestId('sweep-review'), (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    const contract = privateKeyToAddress(generatePrivateKey());
    await rpc(stack.anvil.rpcUrl, 'anvil_setCode', [contract, '0x6080604052']);
    await fillTestId(popup, 'sweep-to', contract);
    await clickTestId(popup, 'sweep-review');
    await waitForTestId(popup, 'error');
    expect(await textOf(popup, 'error')).toContain('contract');
    await sweepEthAndCheck(FUNDED_WEI);
  });

  it('after eject: SOL balance − the RPC fee moves, the wallet ends at zero', async () => {
    await openSweep();
    await popup.select(byTestId('sweep-asset'), 'solana');
    const dest = (await generateKeyPairSigner()).address;
    await fillTestId(popup, 'sweep-to', dest);
    await clickTestId(popup, 'sweep-review');
    await waitForTestId(popup, 'sweep-amount');
    expect(await textOf(popup, 'sweep-amount')).toBe('1.999995 SOL');
    expect(await textOf(popup, 'sweep-fee')).toBe('0.000005 SOL');
    await noOverflow(popup);
    await clickTestId(popup, 'sweep-confirm');
    await waitForTestId(popup, 'sweep-result');
    const signature = await textOf(popup, 'sweep-result');
    expect(sol.sent).toEqual([signature]);
    expect(sol.svm.getBalance(dest)).toBe(FUNDED_LAMPORTS - SOLANA_FEE);
    expect(sol.svm.getBalance(addresses.solana as never) ?? 0n).toBe(0n);
    await noOverflow(popup);
  });
});
