import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hashMessage, parseEther } from 'viem';
import { describe, expect, it } from 'vitest';
import { ChainRegistry, memoryChainSettingsStore } from '../../../src/chains/chain-registry.ts';
import { EnclaveClientError } from '../../../src/enclave/enclave-errors.ts';
import { MpcError } from '../../../src/mpc/common/errors.ts';
import { VaultError } from '../../../src/vault/errors.ts';
import { testEnv } from '../../../src/vault/test-env.ts';
import { toWalletError } from '../../../src/wallet/errors.ts';
import { fromHex, verifyEcdsaSignature } from '../../../src/wallet/keys.ts';
import type { RpcClientFactory } from '../../../src/wallet/send.ts';
import { WalletService } from '../../../src/wallet/wallet-service.ts';
import { FakeEnclave } from './fake-enclave.ts';
import { IDENTITY, PASSWORD } from './helpers.ts';

const q = secp256k1.Point.Fn.ORDER;

describe('signature verification against the wallet key', () => {
  const sk = secp256k1.utils.randomSecretKey();
  const Q = secp256k1.getPublicKey(sk, true);
  const digest = fromHex(hashMessage('x'));
  const rec = secp256k1.sign(digest, sk, { prehash: false, lowS: true, format: 'recovered' });
  const r = BigInt(`0x${Buffer.from(rec.subarray(1, 33)).toString('hex')}`);
  const s = BigInt(`0x${Buffer.from(rec.subarray(33)).toString('hex')}`);
  const v = rec[0]!;

  it('accepts the right low-s signature and returns r‖s‖(27+v)', () => {
    const out = verifyEcdsaSignature({ r, s, v }, digest, Q);
    expect(out).toHaveLength(132);
    expect(out.endsWith((27 + v).toString(16))).toBe(true);
  });

  it('refuses high-s, a wrong recovery id, another digest and another key', () => {
    expect(() => verifyEcdsaSignature({ r, s: q - s, v: v ^ 1 }, digest, Q)).toThrow(/does not verify/);
    expect(() => verifyEcdsaSignature({ r, s, v: v ^ 1 }, digest, Q)).toThrow(/recovery/);
    expect(() => verifyEcdsaSignature({ r, s, v: 2 }, digest, Q)).toThrow();
    expect(() => verifyEcdsaSignature({ r, s, v }, fromHex(hashMessage('y')), Q)).toThrow();
    const other = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
    expect(() => verifyEcdsaSignature({ r, s, v }, digest, other)).toThrow();
  });
});

describe('errors carry fixed messages only', () => {
  it('drops the text of foreign errors', () => {
    const secret = 'deadbeef'.repeat(8);
    for (const e of [new Error(secret), new MpcError('BAD_PROOF', secret), secret, { message: secret }]) {
      const w = toWalletError(e);
      expect(w.code).toBe('INTERNAL');
      expect(`${w.message}${w.stack}`).not.toContain(secret);
    }
    expect(toWalletError(new VaultError('WRONG_PASSWORD', undefined, { retryAfterMs: 500 }))).toMatchObject({
      code: 'WRONG_PASSWORD',
      retryAfterMs: 500,
    });
  });

  it("keeps the enclave's restart and rate-limit refusals apart from 'unreachable', each saying what to do", () => {
    const restarting = toWalletError(new EnclaveClientError('ENCLAVE_SHUTTING_DOWN'));
    expect(restarting.code).toBe('ENCLAVE_RESTARTING');
    expect(restarting.message).toMatch(/restarting.*try again/);
    const busy = toWalletError(new EnclaveClientError('RATE_LIMITED'));
    expect(busy.code).toBe('ENCLAVE_BUSY');
    expect(busy.message).toMatch(/too many requests.*wait/);
    expect(toWalletError(new EnclaveClientError('ENCLAVE_UNREACHABLE')).code).toBe('ENCLAVE_UNREACHABLE');
  });
});

describe('sendAssets over a fake RPC', () => {
  async function wallet(rpc: RpcClientFactory) {
    const env = testEnv();
    const enclave = new FakeEnclave();
    const svc = new WalletService({
      vault: env.open(),
      connect: () => enclave,
      enclaveUrl: 'ws://127.0.0.1:1',
      enclaveIdentityKey: IDENTITY,
      chains: new ChainRegistry(memoryChainSettingsStore()),
      rpc,
    });
    return svc;
  }
  const sent: string[] = [];
  const fakeRpc =
    (opts: { chainId?: number; legacy?: boolean; balance?: bigint } = {}): RpcClientFactory =>
    () =>
      ({
        getChainId: async () => opts.chainId ?? 31337,
        estimateGas: async () => 21000n,
        estimateFeesPerGas: async () => {
          if (opts.legacy) throw new Error('no 1559');
          return { maxFeePerGas: 3n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };
        },
        getGasPrice: async () => 2n * 10n ** 9n,
        getBalance: async () => opts.balance ?? parseEther('10'),
        getTransactionCount: async () => 7,
        sendRawTransaction: async ({ serializedTransaction }: { serializedTransaction: `0x${string}` }) => {
          sent.push(serializedTransaction);
          const { keccak256 } = await import('viem');
          return keccak256(serializedTransaction);
        },
      }) as never;

  it('builds, co-signs and broadcasts EIP-1559 and legacy transfers from the wallet address', async () => {
    const { parseTransaction, recoverTransactionAddress, getAddress } = await import('viem');
    for (const legacy of [false, true]) {
      const svc = await wallet(fakeRpc({ legacy }));
      const addr = await svc.generateWallet(PASSWORD);
      const fee = await svc.estimateSend({
        to: '0x000000000000000000000000000000000000dEaD',
        amount: '0.5',
        chainId: 31337,
      });
      expect(fee.maxFeeWei).toBe(String(21000n * (legacy ? 2n : 3n) * 10n ** 9n));
      const { txHash } = await svc.sendAssets({
        to: '0x000000000000000000000000000000000000dEaD',
        amount: '0.5',
        chainId: 31337,
      });
      const raw = sent.at(-1)! as `0x${string}`;
      expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
      const tx = parseTransaction(raw);
      expect(tx).toMatchObject({
        type: legacy ? 'legacy' : 'eip1559',
        nonce: 7,
        value: parseEther('0.5'),
        chainId: 31337,
      });
      expect(await recoverTransactionAddress({ serializedTransaction: raw as never })).toBe(
        getAddress(addr.evm),
      );
    }
  });

  it('refuses a wrong chain, bad input and insufficient funds', async () => {
    const t = { to: '0x000000000000000000000000000000000000dEaD', amount: '1', chainId: 31337 };
    const svc = await wallet(fakeRpc({ chainId: 1 }));
    await svc.generateWallet(PASSWORD);
    await expect(svc.sendAssets(t)).rejects.toMatchObject({ code: 'RPC_ERROR' });
    const poor = await wallet(fakeRpc({ balance: 1n }));
    await poor.generateWallet(PASSWORD);
    await expect(poor.sendAssets(t)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await expect(poor.sendAssets({ ...t, to: 'nope' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(poor.sendAssets({ ...t, amount: '0' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(poor.sendAssets({ ...t, chainId: 999 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
