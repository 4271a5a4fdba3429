import * as viem from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { recoverTransactionAddress } from './evm-transaction-sender.ts';

const account = privateKeyToAccount(`0x${'4c'.repeat(32)}`);
const to = `0x${'22'.repeat(20)}` as const;
const base = { to, value: 10n ** 18n, nonce: 3, gas: 21000n, data: '0x1234' as const };

/** What viem's own recoverTransactionAddress says, or 'threw'. */
const viemSays = (serializedTransaction: viem.TransactionSerialized) =>
  viem.recoverTransactionAddress({ serializedTransaction }).catch(() => 'threw');
const oursSays = (serializedTransaction: viem.TransactionSerialized) =>
  recoverTransactionAddress({ serializedTransaction }).catch(() => 'threw');

describe('recoverTransactionAddress agrees with viem', () => {
  const txs: [string, viem.TransactionSerializable][] = [
    ['EIP-1559', { ...base, type: 'eip1559', chainId: 31337, maxFeePerGas: 3n, maxPriorityFeePerGas: 1n }],
    ['EIP-2930', { ...base, type: 'eip2930', chainId: 1, gasPrice: 2n, accessList: [] }],
    ['legacy EIP-155', { ...base, type: 'legacy', chainId: 31337, gasPrice: 2n }],
    ['legacy EIP-155 on a huge chain id', { ...base, type: 'legacy', chainId: 2 ** 52, gasPrice: 2n }],
    ['legacy without chain id', { ...base, type: 'legacy', gasPrice: 2n }],
  ];
  it.each(txs)('%s', async (_name, tx) => {
    const signed = (await account.signTransaction(tx)) as viem.TransactionSerialized;
    expect(await oursSays(signed)).toBe(account.address);
    expect(await viemSays(signed)).toBe(account.address);
  });

  it('on tampered, unsigned and out-of-range signatures', async () => {
    const signed = (await account.signTransaction(txs[0]![1])) as viem.TransactionSerialized;
    const tx = viem.parseTransaction(signed);
    const variants = [
      viem.serializeTransaction(txs[0]![1]),
      viem.serializeTransaction(txs[0]![1], { r: tx.r!, s: tx.s!, yParity: 1 - tx.yParity! }),
      viem.serializeTransaction({ ...txs[0]![1], nonce: 4 }, { r: tx.r!, s: tx.s!, yParity: tx.yParity! }),
      viem.serializeTransaction(txs[0]![1], { r: '0x00', s: tx.s!, yParity: 0 }),
      viem.serializeTransaction(txs[0]![1], { r: tx.r!, s: `0x${'ff'.repeat(32)}`, yParity: 0 }),
    ] as viem.TransactionSerialized[];
    for (const v of variants) {
      const ours = await oursSays(v);
      expect(ours).toBe(await viemSays(v));
      expect(ours).not.toBe(account.address);
    }
  });
});
