import { describe, expect, it } from 'vitest';
import { evmSweepSummary, solanaSweepSummary, sweepDestinationProblem } from './sweep-input.ts';

const EVM = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SOL = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';

describe('sweep destination checks', () => {
  it('accepts the right shape per asset', () => {
    expect(
      sweepDestinationProblem('evm', ` ${EVM} `, '0x0000000000000000000000000000000000000001'),
    ).toBeNull();
    expect(sweepDestinationProblem('solana', SOL, 'So11111111111111111111111111111111111111112')).toBeNull();
  });
  it('refuses the other chain’s address, junk, and the wallet itself', () => {
    expect(sweepDestinationProblem('evm', SOL, undefined)).toMatch(/0x address/);
    expect(sweepDestinationProblem('solana', EVM, undefined)).toMatch(/Solana address/);
    expect(sweepDestinationProblem('evm', '0x1234', undefined)).toMatch(/0x address/);
    expect(sweepDestinationProblem('evm', EVM.toLowerCase(), EVM)).toMatch(/own address/);
    expect(sweepDestinationProblem('solana', SOL, SOL)).toMatch(/own address/);
  });
});

describe('sweep review summaries', () => {
  it('EVM: amount, fee bound, chain, dust flag', () => {
    const s = evmSweepSummary({
      chainId: 31337,
      chainName: 'Anvil Local',
      from: EVM,
      to: EVM,
      balanceWei: '1000000000000000000',
      amountWei: '999937000000000000',
      amountFormatted: '0.999937',
      fee: {
        chainId: 31337,
        gas: '21000',
        maxFeeWei: '63000000000000',
        maxFeeFormatted: '0.000063',
        symbol: 'ETH',
      },
      dustMayRemain: true,
    });
    expect(s).toMatchObject({
      amount: '0.999937',
      symbol: 'ETH',
      fee: '0.000063',
      feeIsBound: true,
      dustMayRemain: true,
    });
    expect(s.network).toBe('Anvil Local (chain 31337)');
  });
  it('Solana: exact fee, cluster name, no dust', () => {
    const s = solanaSweepSummary({
      cluster: 'localnet',
      clusterName: 'Solana localnet',
      from: SOL,
      to: SOL,
      balanceLamports: '2000000000',
      amountLamports: '1999995000',
      amountSol: '1.999995',
      feeLamports: '5000',
      feeSol: '0.000005',
    });
    expect(s).toMatchObject({
      amount: '1.999995',
      symbol: 'SOL',
      fee: '0.000005',
      feeIsBound: false,
      dustMayRemain: false,
    });
    expect(s.network).toBe('Solana localnet');
  });
});
