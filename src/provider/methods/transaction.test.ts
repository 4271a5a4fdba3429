import {
  type Hex,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  type TransactionSerialized,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { ProviderRpcError } from '../provider-errors.ts';
import { codeOf, type TestProvider, testProvider } from '../test-support.ts';

const RPC = 'http://127.0.0.1:8545';
const EOA = `0x${'22'.repeat(20)}` as Hex;
const CONTRACT = `0x${'33'.repeat(20)}` as Hex;

/** A fake node: nonce 7, gas 21000 (+ data), base fee 1 gwei, tip 0.1 gwei, CONTRACT has code. */
function withNode(t: TestProvider, opts: { baseFee?: boolean } = {}) {
  const sent: Hex[] = [];
  t.rpc.handlers.set(RPC, (method, params) => {
    switch (method) {
      case 'eth_getTransactionCount':
        return '0x7';
      case 'eth_estimateGas':
        return (params[0] as { data?: string }).data ? '0x7530' : '0x5208';
      case 'eth_getBlockByNumber':
        return {
          number: '0x10',
          hash: `0x${'ab'.repeat(32)}`,
          timestamp: '0x1',
          gasLimit: '0x1c9c380',
          gasUsed: '0x0',
          transactions: [],
          ...(opts.baseFee === false ? {} : { baseFeePerGas: '0x3b9aca00' }),
        };
      case 'eth_maxPriorityFeePerGas':
        return '0x5f5e100';
      case 'eth_gasPrice':
        return '0x4a817c800';
      case 'eth_getCode':
        return params[0] === CONTRACT ? '0x6080' : '0x';
      case 'eth_sendRawTransaction':
        sent.push(params[0] as Hex);
        return keccak256(params[0] as Hex);
      default:
        throw new Error(`unexpected ${method}`);
    }
  });
  return sent;
}

describe('eth_sendTransaction', () => {
  it('fills nonce, gas and EIP-1559 fees from the chain, asks, signs and broadcasts', async () => {
    const t = testProvider();
    await t.connect();
    const sent = withNode(t);
    const from = t.wallet.account.address;
    const hash = await t.call('eth_sendTransaction', [{ from, to: EOA, value: '0xde0b6b3a7640000' }]);
    expect(sent).toHaveLength(1);
    expect(hash).toBe(keccak256(sent[0]!));
    const tx = parseTransaction(sent[0] as TransactionSerialized);
    expect(tx).toMatchObject({
      type: 'eip1559',
      chainId: 31337,
      nonce: 7,
      gas: 21000n,
      to: EOA,
      value: 10n ** 18n,
      maxPriorityFeePerGas: 100_000_000n,
    });
    expect(tx.maxFeePerGas! >= 1_000_000_000n + 100_000_000n).toBe(true);
    expect(await recoverTransactionAddress({ serializedTransaction: sent[0] as TransactionSerialized })).toBe(
      from,
    );
    const seen = t.approvals.seen[0]!;
    expect(seen.content).toMatchObject({
      kind: 'transaction',
      mode: 'send',
      tx: { from, to: EOA, value: '0xde0b6b3a7640000', gas: '0x5208', nonce: 7, chainId: 31337 },
    });
    expect(seen.warnings).toEqual([]);
  });

  it('uses the authorized account when from is absent', async () => {
    const t = testProvider();
    await t.connect();
    const sent = withNode(t);
    await t.call('eth_sendTransaction', [{ to: EOA, value: '0x1' }]);
    expect(await recoverTransactionAddress({ serializedTransaction: sent[0] as TransactionSerialized })).toBe(
      t.wallet.account.address,
    );
  });

  it('keeps the fields the dApp gave and uses legacy gasPrice when asked', async () => {
    const t = testProvider();
    await t.connect();
    const sent = withNode(t);
    await t.call('eth_sendTransaction', [
      { from: t.wallet.account.address, to: EOA, gas: '0x6000', nonce: '0x9', gasPrice: '0x3b9aca00' },
    ]);
    expect(parseTransaction(sent[0] as TransactionSerialized)).toMatchObject({
      type: 'legacy',
      gas: 0x6000n,
      nonce: 9,
      gasPrice: 1_000_000_000n,
      chainId: 31337,
    });
    expect(t.rpc.calls.map((c) => c.method)).not.toContain('eth_estimateGas');
  });

  it('falls back to gasPrice on a chain without base fee', async () => {
    const t = testProvider();
    await t.connect();
    const sent = withNode(t, { baseFee: false });
    await t.call('eth_sendTransaction', [{ from: t.wallet.account.address, to: EOA, type: '0x0' }]);
    expect(parseTransaction(sent[0] as TransactionSerialized)).toMatchObject({
      type: 'legacy',
      gasPrice: 20_000_000_000n,
    });
  });

  it('warns about a contract interaction (code at `to`) and about data', async () => {
    const t = testProvider();
    await t.connect();
    withNode(t);
    const from = t.wallet.account.address;
    await t.call('eth_sendTransaction', [{ from, to: CONTRACT }]);
    await t.call('eth_sendTransaction', [{ from, to: EOA, data: '0x1234' }]);
    await t.call('eth_sendTransaction', [{ from, data: '0x6080' }]);
    expect(t.approvals.seen.map((s) => s.warnings.map((w) => w.code))).toEqual([
      ['contract-interaction'],
      ['contract-interaction'],
      ['contract-deployment'],
    ]);
  });

  it('unconnected → 4100 before anything touches the chain; rejected → 4001, nothing sent', async () => {
    const t = testProvider();
    const sent = withNode(t);
    const tx = { from: t.wallet.account.address, to: EOA };
    expect(await codeOf(t.call('eth_sendTransaction', [tx]))).toBe(4100);
    expect(t.rpc.calls).toHaveLength(0);
    await t.connect();
    t.approvals.decision = 'reject';
    expect(await codeOf(t.call('eth_sendTransaction', [tx]))).toBe(4001);
    expect(sent).toHaveLength(0);
    expect(t.wallet.signed).toHaveLength(0);
  });

  it('a from that is not the granted account → 4100', async () => {
    const t = testProvider();
    await t.connect();
    withNode(t);
    expect(await codeOf(t.call('eth_sendTransaction', [{ from: EOA, to: EOA }]))).toBe(4100);
  });

  it('passes the node error (e.g. a revert in estimateGas) through', async () => {
    const t = testProvider();
    await t.connect();
    t.rpc.handlers.set(RPC, (method) => {
      if (method === 'eth_estimateGas') throw new ProviderRpcError(3, 'execution reverted', '0x08c379a0');
      return '0x1';
    });
    await expect(
      t.call('eth_sendTransaction', [{ from: t.wallet.account.address, to: EOA }]),
    ).rejects.toMatchObject({
      code: 3,
      message: 'execution reverted',
      data: '0x08c379a0',
    });
    expect(t.wallet.signed).toHaveLength(0);
  });
});

describe('eth_signTransaction', () => {
  it('returns the signed transaction without broadcasting it', async () => {
    const t = testProvider();
    await t.connect();
    const sent = withNode(t);
    const signed = (await t.call('eth_signTransaction', [
      { from: t.wallet.account.address, to: EOA, value: '0x1' },
    ])) as TransactionSerialized;
    expect(sent).toHaveLength(0);
    expect(await recoverTransactionAddress({ serializedTransaction: signed })).toBe(t.wallet.account.address);
    expect(t.approvals.seen[0]?.content).toMatchObject({ kind: 'transaction', mode: 'sign' });
  });
});

describe('transaction parameter validation (-32602)', () => {
  const from = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
  it.each([
    ['no object', ['x']],
    ['no params', []],
    ['bad from', [{ from: '0x12', to: EOA }]],
    ['bad to', [{ from, to: 'nope' }]],
    ['bad value', [{ from, to: EOA, value: '12' }]],
    ['leading zero quantity', [{ from, to: EOA, value: '0x01' }]],
    ['odd data', [{ from, to: EOA, data: '0x123' }]],
    ['deployment without code', [{ from }]],
    ['wrong chainId', [{ from, to: EOA, chainId: '0x1' }]],
    ['both fee kinds', [{ from, to: EOA, gasPrice: '0x1', maxFeePerGas: '0x1' }]],
    ['tip above max fee', [{ from, to: EOA, maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x2' }]],
    ['unknown type', [{ from, to: EOA, type: '0x3' }]],
    ['unknown field', [{ from, to: EOA, foo: 1 }]],
    ['data and input differ', [{ from, to: EOA, data: '0x12', input: '0x34' }]],
  ])('%s', async (_why, params) => {
    const t = testProvider();
    await t.connect();
    withNode(t);
    expect(await codeOf(t.call('eth_sendTransaction', params))).toBe(-32602);
    expect(t.approvals.seen).toHaveLength(0);
  });
});
