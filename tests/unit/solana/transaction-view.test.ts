import { generateKeyPairSigner, getBase58Decoder } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import {
  decodeSolanaTransaction,
  formatUnits,
  SolanaDecodeError,
} from '../../../src/provider/solana/solana-transaction-view.ts';
import { transferWire } from './transactions.ts';

const BLOCKHASH = getBase58Decoder().decode(new Uint8Array(32).fill(9));
const addr = async () => (await generateKeyPairSigner()).address;

describe('decoded Solana transaction for the approval window', () => {
  it('names the System transfer and the SPL Token transfer with amounts, fee payer and signers', async () => {
    const [from, to, source, mint, destination] = await Promise.all([addr(), addr(), addr(), addr(), addr()]);
    const wire = transferWire({
      from,
      to,
      lamports: 1_500_000_000n,
      blockhash: BLOCKHASH,
      version: 0,
      tokenTransfer: { source, mint, destination, amount: 2_500_000n, decimals: 6 },
    });
    const { view } = decodeSolanaTransaction(wire);
    expect(view.version).toBe('0');
    expect(view.feePayer).toBe(from);
    expect(view.signers).toEqual([from]);
    expect(view.lifetimeToken).toBe(BLOCKHASH);
    const [sol, token] = view.instructions;
    expect(sol).toMatchObject({ programName: 'System Program', action: 'Transfer SOL' });
    expect(sol!.fields).toEqual([
      { label: 'From', value: from },
      { label: 'To', value: to },
      { label: 'Amount', value: '1.5 SOL (1500000000 lamports)' },
    ]);
    expect(token).toMatchObject({ programName: 'SPL Token', action: 'Transfer tokens (checked)' });
    expect(token!.fields).toContainEqual({ label: 'Amount', value: '2.5' });
    expect(token!.fields).toContainEqual({ label: 'Mint', value: mint });
    expect(token!.fields).toContainEqual({ label: 'Owner', value: from });
  });

  it('refuses bytes that are not a transaction', () => {
    expect(() => decodeSolanaTransaction(new Uint8Array([1, 2, 3]))).toThrow(SolanaDecodeError);
  });

  it('formats integer amounts exactly', () => {
    expect(formatUnits(1n, 9)).toBe('0.000000001');
    expect(formatUnits(10_000_000_000n, 9)).toBe('10');
    expect(formatUnits(42n, 0)).toBe('42');
  });
});
