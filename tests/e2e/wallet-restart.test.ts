/**
 * The wallet in real Chromium with the built extension, the real enclave-sim and anvil: generate, lock,
 * service-worker restart, unlock, sign (a native transfer co-signed and mined), and the vault in the
 * browser's own IndexedDB holds no plaintext share.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { rpc } from '../harness/anvil.ts';
import { askBackground, backgroundValue } from '../harness/page-api.ts';
import { type Stack, startStack } from '../harness/stack.ts';

const PASSWORD = 'correct horse battery staple';
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const ask = askBackground;
const value = backgroundValue;

/** Every record of every store of the vault database, with bytes as hex, read inside the extension. */
async function dumpVault(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('twofold-vault');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise<unknown[]>((res, rej) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
    }
    db.close();
    return JSON.stringify(out, (_k, v) =>
      v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') : v,
    );
  });
}

describe('wallet in Chromium: generate, lock, worker restart, unlock, sign', () => {
  let stack: Stack;
  let page: Page;
  let addr: WalletAddresses;

  beforeAll(async () => {
    stack = await startStack();
    page = await stack.chrome.browser.newPage();
    await page.goto(`chrome-extension://${stack.chrome.extensionId}/popup.html`);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('generates a wallet through the page API', async () => {
    addr = await value(page, 'wallet.generate', { password: PASSWORD });
    expect(addr.evm).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect((await value(page, 'wallet.status', {})).addresses).toEqual(addr);
  });

  it('locks, survives a worker restart locked, refuses a wrong password, unlocks', async () => {
    expect((await value(page, 'wallet.lock', {})).state).toBe('locked');
    await stack.chrome.restartServiceWorker();
    expect((await value(page, 'wallet.status', {})).state).toBe('locked');
    const wrong = await ask(page, 'wallet.unlock', { password: 'not the password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect((await value(page, 'wallet.unlock', { password: PASSWORD })).state).toBe('unlocked');
    // Unlock state survives another restart (derived key in storage.session only).
    await stack.chrome.restartServiceWorker();
    expect((await value(page, 'wallet.status', {})).state).toBe('unlocked');
  });

  it('co-signs and broadcasts a native transfer that anvil mines from the wallet address', async () => {
    await rpc(stack.anvil.rpcUrl, 'anvil_setBalance', [addr.evm, '0x56BC75E2D63100000']);
    const { txHash } = await value(page, 'send.native', { to: RECIPIENT, amount: '0.25', chainId: 31337 });
    let receipt: { status: string; from: string } | null = null;
    for (let i = 0; i < 50 && !receipt; i++) {
      receipt = await rpc<{ status: string; from: string } | null>(
        stack.anvil.rpcUrl,
        'eth_getTransactionReceipt',
        [txHash],
      );
      if (!receipt) await new Promise((r) => setTimeout(r, 200));
    }
    if (!receipt) throw new Error('transaction not mined');
    expect(receipt.status).toBe('0x1');
    expect(receipt.from.toLowerCase()).toBe(addr.evm.toLowerCase());
  });

  it('the vault in the browser’s IndexedDB holds no plaintext share', async () => {
    const dump = await dumpVault(page);
    const shares = JSON.parse(dump).shares as { kind: string; ciphertext: string }[];
    expect(shares.filter((s) => s.kind === 'client-share')).toHaveLength(2);
    // Share plaintexts are JSON frames ('ecdsa-p2', 'frost.share.client', 'x2', 'signingShare'): none of
    // them, nor their hex, appears anywhere in the database.
    const hexOf = (t: string) => Buffer.from(t).toString('hex');
    for (const marker of ['ecdsa-p2', 'frost.share.client', '"x2"', 'signingShare', PASSWORD])
      for (const form of [marker, hexOf(marker)]) expect(dump.includes(form)).toBe(false);
  });
});
