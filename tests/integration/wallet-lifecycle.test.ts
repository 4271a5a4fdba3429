import { ed25519 } from '@noble/curves/ed25519.js';
import {
  getAddress,
  hashMessage,
  parseEther,
  recoverAddress,
  recoverTransactionAddress,
  recoverTypedDataAddress,
} from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { openVaultDb } from '../../src/vault/schema.ts';
import type { WalletService } from '../../src/wallet/wallet-service.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import {
  BACKUP_PASSWORD,
  base58Decode,
  type Device,
  device,
  NEW_PASSWORD,
  PASSWORD,
  startWalletEnclave,
} from './wallet-support.ts';

const TYPED = JSON.stringify({
  domain: { name: 'Twofold Test', version: '1', chainId: 31337 },
  types: { Mail: [{ name: 'contents', type: 'string' }] },
  primaryType: 'Mail',
  message: { contents: 'hello' },
});

async function signsAs(svc: WalletService, addr: { evm: string; solana: string }, full = false) {
  const msg = new TextEncoder().encode('twofold integration');
  const sig = await svc.sign({ kind: 'personal', message: msg });
  expect(await recoverAddress({ hash: hashMessage({ raw: msg }), signature: sig })).toBe(
    getAddress(addr.evm),
  );
  if (full) {
    const t = await svc.sign({ kind: 'typedData', json: TYPED });
    expect(await recoverTypedDataAddress({ ...JSON.parse(TYPED), signature: t })).toBe(getAddress(addr.evm));
    const base = {
      chainId: 31337,
      nonce: 0,
      to: '0x000000000000000000000000000000000000dEaD',
      gas: 21000n,
    } as const;
    for (const tx of [
      {
        ...base,
        type: 'eip1559',
        value: parseEther('0.5'),
        maxFeePerGas: 3n * 10n ** 9n,
        maxPriorityFeePerGas: 10n ** 9n,
      },
      { ...base, type: 'legacy', value: 1n, gasPrice: 10n ** 9n },
    ] as const) {
      const signed = await svc.sign({ kind: 'transaction', tx });
      expect(await recoverTransactionAddress({ serializedTransaction: signed as never })).toBe(
        getAddress(addr.evm),
      );
    }
  }
  const es = await svc.sign({ kind: 'ed25519', message: msg });
  expect(ed25519.verify(es, msg, base58Decode(addr.solana), { zip215: false })).toBe(true);
}

describe('wallet lifecycle against the real enclave-sim process', { timeout: 300_000 }, () => {
  let enclave: RunningEnclave;
  let phone: Device;
  let svc: WalletService;
  let addr: WalletAddresses;
  let file: string;

  beforeAll(async () => {
    enclave = await startWalletEnclave();
    phone = device(enclave);
    svc = phone.restart();
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  it('generates both curves and signs EIP-191, EIP-712, EIP-1559, legacy and ed25519', async () => {
    addr = await svc.generateWallet(PASSWORD);
    expect((await svc.status()).addresses).toEqual(addr);
    await signsAs(svc, addr, true);
  });

  it('wrong password: typed error, still locked; restart, unlock, sign', async () => {
    await svc.lock();
    const again = phone.restart();
    await expect(again.unlock('wrong password!')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await again.status()).state).toBe('locked');
    await again.unlock(PASSWORD);
    svc = again;
    await signsAs(svc, addr);
  });

  it('refuses a sealed share moved to another curve or another wallet (AEAD binding)', async () => {
    const db = await openVaultDb({ indexedDB: phone.env.idb });
    const recs = await db.getAll('shares');
    const ecdsa = recs.find((r) => r.kind === 'client-share' && r.curve === 'secp256k1')!;
    const frost = recs.find((r) => r.kind === 'client-share' && r.curve === 'ed25519')!;
    // The ECDSA record's sealed bytes placed where the ed25519 share belongs: another curve.
    await db.put('shares', { ...frost, nonce: ecdsa.nonce, ciphertext: ecdsa.ciphertext });
    const err = await svc.sign({ kind: 'ed25519', message: new Uint8Array([1]) }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INTERNAL' });
    expect(String(err.message)).toMatch(/integrity/);
    await db.put('shares', frost);
    // A copy under another wallet id does not open either.
    await db.put('shares', { ...ecdsa, walletId: 'another-wallet' });
    const ref = {
      walletId: 'another-wallet',
      curve: 'secp256k1' as const,
      pairId: ecdsa.pairId,
      kind: ecdsa.kind,
    };
    await expect(phone.env.open().shares.get(ref)).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
    await db.delete('shares', ['another-wallet', 'secp256k1', ecdsa.pairId, ecdsa.kind]);
    db.close();
    await signsAs(svc, addr);
  });

  it('refreshes the signing pairs: same addresses, still signs', async () => {
    const before = (await phone.env.open().shares.list(addr.walletId)).map((s) => s.pairId);
    await svc.refreshSigningSharePairs();
    const after = (await phone.env.open().shares.list(addr.walletId)).filter(
      (s) => s.kind === 'client-share',
    );
    expect(after.every((s) => !before.includes(s.pairId))).toBe(true);
    await signsAs(svc, addr);
  });

  it('backs up, verifies the saved file (not memory), and reports healthy', async () => {
    await expect(svc.backupWallet(PASSWORD)).rejects.toMatchObject({ code: 'SAME_PASSWORD' });
    const b = await svc.backupWallet(BACKUP_PASSWORD);
    file = b.fileText;
    expect((await svc.checkHealth()).ok).toBe(false);
    await expect(svc.verifyBackup(file, 'wrong backup pw')).rejects.toMatchObject({
      code: 'WRONG_BACKUP_PASSWORD',
    });
    expect((await svc.verifyBackup(file, BACKUP_PASSWORD)).status).toBe('verified');
    const h = await svc.checkHealth();
    expect(h.checks.filter((c) => !c.ok)).toEqual([]);
    expect(h.ok).toBe(true);
  });

  it('recovers on a fresh device with the same addresses; the old device is restored elsewhere', async () => {
    const laptop = device(enclave).restart();
    expect(await laptop.recoverWallet(file, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    await signsAs(laptop, addr);
    await expect(svc.sign({ kind: 'personal', message: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'RESTORED_ELSEWHERE',
    });
    svc = laptop;
  });

  it('ejects: keys match the addresses, then signs locally with the enclave gone', async () => {
    await svc.requestEject();
    const keys = await svc.eject();
    expect(privateKeyToAddress(keys.evmPrivateKey as `0x${string}`)).toBe(getAddress(addr.evm));
    expect((await svc.status()).keyExported).toBe(true);
    await enclave.stop();
    await signsAs(svc, addr, true);
  });
});
