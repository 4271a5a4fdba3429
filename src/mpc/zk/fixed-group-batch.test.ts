import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { FIXED_G, FIXED_H, FIXED_ORDER, FIXED_P, fixedCommit } from './fixed-group.ts';
import { FixedGroupBatch } from './fixed-group-batch.ts';

/** A true equation Com·g^-x·h^-ρ = 1 for a fresh commitment, as the batch's terms. */
function trueEquation(): [bigint, bigint][] {
  const x = randomBelow(1n << 300n);
  const rho = randomBelow(FIXED_ORDER);
  return [
    [fixedCommit(x, rho), 1n],
    [FIXED_G, -x],
    [FIXED_H, -rho],
  ];
}

describe('fixed-group equation batch', () => {
  it('accepts true equations, alone and together (shared bases g, h merged)', () => {
    const b = new FixedGroupBatch();
    b.add(trueEquation());
    b.check('test');
    for (let i = 0; i < 3; i++) b.add(trueEquation());
    b.check('test');
    b.check('test'); // an empty batch holds
  });

  it('refuses a batch with one false equation, whichever its place', () => {
    for (const bad of [0, 1, 2]) {
      const b = new FixedGroupBatch();
      for (let i = 0; i < 3; i++) {
        const eq = trueEquation();
        if (i === bad) eq[1] = [FIXED_G, eq[1]![1] + 1n];
        b.add(eq);
      }
      expect(() => b.check('test')).toThrow(MpcError);
    }
    // Exponents are taken mod p': adding p' changes nothing, adding 1 does.
    const b = new FixedGroupBatch();
    const eq = trueEquation();
    b.add([...eq, [FIXED_H, FIXED_ORDER]]);
    b.check('test');
    b.add([...trueEquation(), [(FIXED_G * FIXED_G) % FIXED_P, 1n]]);
    expect(() => b.check('test')).toThrow(MpcError);
  });
});
