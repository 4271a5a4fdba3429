import { describe, expect, it } from 'vitest';
import { solanaNextStep, solanaTransferInputProblem } from './solana-send-input.ts';

const ADDR = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';

describe('solanaTransferInputProblem', () => {
  it('accepts a base58 address and a SOL amount with up to 9 decimals', () => {
    expect(solanaTransferInputProblem(ADDR, '1')).toBeNull();
    expect(solanaTransferInputProblem(` ${ADDR} `, '0.000000001')).toBeNull();
  });
  it('refuses EVM addresses, non-base58 characters and short strings', () => {
    expect(solanaTransferInputProblem('0x52908400098527886E0F7030069857D2E4169EE7', '1')).toMatch(
      /Solana address/,
    );
    expect(solanaTransferInputProblem(`${ADDR.slice(0, 43)}0`, '1')).toMatch(/Solana address/);
    expect(solanaTransferInputProblem('abc', '1')).toMatch(/Solana address/);
  });
  it('refuses zero, junk and more than 9 decimals', () => {
    expect(solanaTransferInputProblem(ADDR, '0.0')).toMatch(/more than zero/);
    expect(solanaTransferInputProblem(ADDR, '1e3')).toMatch(/number/);
    expect(solanaTransferInputProblem(ADDR, '0.0000000001')).toMatch(/9 decimals/);
    expect(solanaTransferInputProblem(ADDR, '-1')).toMatch(/number/);
  });
  it('says what to do for the Solana API error codes', () => {
    expect(solanaNextStep('RPC_ERROR')).toMatch(/RPC URL/);
    expect(solanaNextStep('SOMETHING_ELSE')).toBeNull();
  });
});
