import { describe, expect, it } from 'vitest';
import { transferInputProblem } from './send-input.ts';

const TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('transferInputProblem', () => {
  it('accepts an address and a positive decimal', () => {
    expect(transferInputProblem(TO, '0.5')).toBeNull();
    expect(transferInputProblem(` ${TO} `, '12')).toBeNull();
  });
  it('explains a bad recipient or amount', () => {
    expect(transferInputProblem('0x123', '1')).toMatch(/recipient/);
    expect(transferInputProblem(TO, '1,5')).toMatch(/number/);
    expect(transferInputProblem(TO, '-1')).toMatch(/number/);
    expect(transferInputProblem(TO, '0.000')).toMatch(/more than zero/);
  });
});
