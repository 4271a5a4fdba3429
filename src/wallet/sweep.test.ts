import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  getAddress,
  type Hex,
  keccak256,
  parseEther,
  parseTransaction,
  recoverTransactionAddress,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { FakeEnclave } from '../../tests/unit/wallet/fake-enclave.ts';
import { IDENTITY, PASSWORD } from '../../tests/unit/wallet/helpers.ts';
import { ChainRegistry, memoryChainSettingsStore } from '../chains/chain-registry.ts';
import { testEnv } from '../vault/test-env.ts';
import { isWalletError } from './errors.ts';
import type { RpcClientFactory } from './send.ts';
import { SWEEP_GAS, sweepAmount } from './sweep.ts';
import { WalletService } from './wallet-service.ts';

const GWEI = 10n ** 9n;
const DEST = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

/**
 * A tiny EIP-1559 chain: balances, code, nonces; a sent transaction is checked as a node does (nonce,
 * balance ≥ value + gas × max fee) and charged gas × (base fee + tip) as the chain does.
 */
class FakeChain {
  balances = new Map<string, bigint>();
  nonces = new Map<string, number>();
  pendingExtra = 0;
  baseFee = 2n * GWEI;
  tip = 1n * GWEI;
  legacy = false;
  chainId = 31337;
  sent: Hex[] = [];
  reads = 0;
  bal = (a: string) => this.balances.get(a.toLowerCase()) ?? 0n;

  rpc: RpcClientFactory = () =>
    ({
      getChainId: async () => this.chainId,
      getCode: async ({ address }: { address: string }) =>
        address.toLowerCase() === CONTRACT.toLowerCase() ? '0x6080' : undefined,
      getTransactionCount: async ({ address, blockTag }: { address: string; blockTag?: string }) =>
        (this.nonces.get(address.toLowerCase()) ?? 0) + (blockTag === 'pending' ? this.pendingExtra : 0),
      estimateFeesPerGas: async () => {
        if (this.legacy) throw new Error('no 1559');
        return { maxFeePerGas: (this.baseFee * 12n) / 10n + this.tip, maxPriorityFeePerGas: this.tip };
      },
      getGasPrice: async () => this.baseFee + this.tip,
      getBalance: async ({ address }: { address: string }) => {
        this.reads++;
        return this.bal(address);
      },
      sendRawTransaction: async ({ serializedTransaction }: { serializedTransaction: Hex }) => {
        const tx = parseTransaction(serializedTransaction);
        const from = (await recoverTransactionAddress({ serializedTransaction } as never)).toLowerCase();
        const gas = tx.gas ?? 0n;
        const maxPerGas = tx.type === 'eip1559' ? tx.maxFeePerGas! : tx.gasPrice!;
        // EIP-1559: base fee + min(tip, max fee − base fee).
        const cap = maxPerGas - this.baseFee;
        const tip = tx.type === 'eip1559' ? tx.maxPriorityFeePerGas! : 0n;
        const paidPerGas = tx.type === 'eip1559' ? this.baseFee + [tip, cap].sort(cmp)[0]! : tx.gasPrice!;
        if (tx.nonce !== (this.nonces.get(from) ?? 0)) throw new Error('nonce too low');
        if (this.bal(from) < (tx.value ?? 0n) + gas * maxPerGas)
          throw new Error('insufficient funds for gas * price + value');
        this.balances.set(from, this.bal(from) - (tx.value ?? 0n) - SWEEP_GAS * paidPerGas);
        this.balances.set(tx.to!.toLowerCase(), this.bal(tx.to!) + (tx.value ?? 0n));
        this.nonces.set(from, (this.nonces.get(from) ?? 0) + 1);
        this.sent.push(serializedTransaction);
        return keccak256(serializedTransaction);
      },
    }) as never;
}

async function walletOn(chain: FakeChain) {
  const enclave = new FakeEnclave();
  const svc = new WalletService({
    vault: testEnv().open(),
    connect: () => enclave,
    enclaveUrl: 'ws://127.0.0.1:1',
    enclaveIdentityKey: IDENTITY,
    chains: new ChainRegistry(memoryChainSettingsStore()),
    rpc: chain.rpc,
  });
  const addresses = await svc.generateWallet(PASSWORD);
  return { svc, enclave, evm: addresses.evm };
}

describe('sweepAmount: balance − 21000 × max fee per gas', () => {
  it('moves everything but the fee bound (EIP-1559) or the exact fee (legacy)', () => {
    const fees = { maxFeePerGas: 3n * GWEI, maxPriorityFeePerGas: GWEI };
    expect(sweepAmount(parseEther('1'), fees)).toEqual({
      value: parseEther('1') - 63_000n * GWEI,
      maxFeeWei: 63_000n * GWEI,
    });
    expect(sweepAmount(10n ** 15n, { gasPrice: 5n })).toEqual({
      value: 10n ** 15n - 105_000n,
      maxFeeWei: 105_000n,
    });
    // One wei above the fee still moves that wei.
    expect(sweepAmount(63_000n * GWEI + 1n, fees).value).toBe(1n);
  });

  it('refuses when the balance cannot pay more than the fee', () => {
    const fees = { maxFeePerGas: 3n * GWEI, maxPriorityFeePerGas: GWEI };
    for (const balance of [0n, 1n, 63_000n * GWEI]) {
      let err: unknown;
      try {
        sweepAmount(balance, fees);
      } catch (e) {
        err = e;
      }
      expect(isWalletError(err, 'NOTHING_TO_SWEEP')).toBe(true);
      expect((err as Error).message).toMatch(/network fee/);
    }
  });
});

describe('EVM sweep through the wallet service (fake chain)', () => {
  it('co-signed: the destination receives balance − max fee, the wallet keeps only the refunded dust', async () => {
    const chain = new FakeChain();
    const { svc, evm, enclave } = await walletOn(chain);
    chain.balances.set(evm.toLowerCase(), parseEther('2'));
    const quote = await svc.quoteEvmSweep({ to: DEST, chainId: 31337 });
    const maxFee = (chain.baseFee * 12n) / 10n + chain.tip;
    expect(quote).toMatchObject({
      chainId: 31337,
      from: getAddress(evm),
      to: DEST,
      balanceWei: parseEther('2').toString(),
      amountWei: (parseEther('2') - SWEEP_GAS * maxFee).toString(),
      dustMayRemain: true,
      fee: { gas: '21000', maxFeeWei: (SWEEP_GAS * maxFee).toString(), symbol: 'ETH' },
    });
    expect(chain.sent).toHaveLength(0);

    const r = await svc.sweepEvm({ to: DEST, chainId: 31337 });
    expect(enclave.calls.filter((c) => c === 'signEcdsa')).toHaveLength(1);
    expect(r.txHash).toBe(keccak256(chain.sent[0]!));
    const tx = parseTransaction(chain.sent[0]!);
    expect(tx).toMatchObject({
      type: 'eip1559',
      gas: 21000n,
      to: DEST.toLowerCase(),
      chainId: 31337,
      nonce: 0,
    });
    expect(await recoverTransactionAddress({ serializedTransaction: chain.sent[0]! as never })).toBe(
      getAddress(evm),
    );
    expect(chain.bal(DEST)).toBe(parseEther('2') - SWEEP_GAS * maxFee);
    // What stays is the part of the bound the chain did not charge: 21000 × (max fee − base − tip).
    expect(chain.bal(evm)).toBe(SWEEP_GAS * (maxFee - chain.baseFee - chain.tip));
  });

  it('legacy chain: nothing remains', async () => {
    const chain = new FakeChain();
    chain.legacy = true;
    const { svc, evm } = await walletOn(chain);
    chain.balances.set(evm.toLowerCase(), parseEther('0.5'));
    const r = await svc.sweepEvm({ to: DEST, chainId: 31337 });
    expect(r.dustMayRemain).toBe(false);
    expect(parseTransaction(chain.sent[0]!).type).toBe('legacy');
    expect(chain.bal(evm)).toBe(0n);
    expect(chain.bal(DEST)).toBe(parseEther('0.5') - SWEEP_GAS * (chain.baseFee + chain.tip));
  });

  it('after eject: signed with the local key, verified, same arithmetic', async () => {
    const chain = new FakeChain();
    const { svc, evm, enclave } = await walletOn(chain);
    await svc.requestEject();
    const keys = await svc.eject();
    expect((await svc.status()).keyExported).toBe(true);
    // The enclave is gone after an eject: the sweep must not need it.
    enclave.offline = true;
    chain.balances.set(evm.toLowerCase(), parseEther('1'));
    const r = await svc.sweepEvm({ to: DEST, chainId: 31337 });
    const raw = chain.sent[0]!;
    expect(r.txHash).toBe(keccak256(raw));
    expect(await recoverTransactionAddress({ serializedTransaction: raw as never })).toBe(getAddress(evm));
    // The exported key is this wallet's key (the signature came from the local path, not the enclave).
    const pub = secp256k1.getPublicKey(
      Uint8Array.from(Buffer.from(keys.evmPrivateKey.slice(2), 'hex')),
      false,
    );
    expect(getAddress(`0x${keccak256(pub.subarray(1)).slice(-40)}`)).toBe(getAddress(evm));
    expect(BigInt(r.amountWei) + BigInt(r.fee.maxFeeWei)).toBe(parseEther('1'));
  });

  it('refuses: itself, a contract, a bad address, an unknown chain, a wrong RPC, a pending tx, fee ≥ balance', async () => {
    const chain = new FakeChain();
    const { svc, evm } = await walletOn(chain);
    chain.balances.set(evm.toLowerCase(), parseEther('1'));
    const refused = async (to: string, code: string, detail: RegExp, chainId = 31337) => {
      const e = await svc.sweepEvm({ to, chainId }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code });
      expect((e as Error).message).toMatch(detail);
    };
    await refused(evm, 'BAD_DESTINATION', /own address/);
    await refused(evm.toLowerCase(), 'BAD_DESTINATION', /own address/);
    await refused(CONTRACT, 'BAD_DESTINATION', /contract/);
    await refused('0x1234', 'BAD_DESTINATION', /not an EVM address/);
    await refused(DEST, 'INVALID_ARGUMENT', /chain/, 999);
    chain.pendingExtra = 1;
    await refused(DEST, 'BUSY', /pending/);
    chain.pendingExtra = 0;
    chain.chainId = 1;
    await refused(DEST, 'RPC_ERROR', /another chain/);
    chain.chainId = 31337;
    chain.balances.set(evm.toLowerCase(), SWEEP_GAS * ((chain.baseFee * 12n) / 10n + chain.tip));
    await refused(DEST, 'NOTHING_TO_SWEEP', /network fee/);
    await expect(svc.quoteEvmSweep({ to: DEST, chainId: 31337 })).rejects.toMatchObject({
      code: 'NOTHING_TO_SWEEP',
    });
    expect(chain.sent).toHaveLength(0);
  });

  it('a locked wallet can quote but not sweep', async () => {
    const chain = new FakeChain();
    const { svc, evm } = await walletOn(chain);
    chain.balances.set(evm.toLowerCase(), parseEther('1'));
    await svc.lock();
    expect((await svc.quoteEvmSweep({ to: DEST, chainId: 31337 })).amountWei).not.toBe('0');
    await expect(svc.sweepEvm({ to: DEST, chainId: 31337 })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(chain.sent).toHaveLength(0);
  });
});
