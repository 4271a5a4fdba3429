import { randomBelow } from '../common/bytes.ts';
import { MpcError } from '../common/errors.ts';
import { modPow } from '../math/modular.ts';
import { FIXED_ORDER, FIXED_P } from './fixed-group.ts';

const WEIGHT_BOUND = 1n << 128n;

/**
 * Equations ∏ b_i^{e_i} = 1 in the fixed group's prime-order subgroup, checked together: the first as
 * given, each later one raised to a fresh random weight v < 2^128 (the verifier's own randomness), and
 * the exponents of equal bases (g, h, Com appear in several) added up, so each base is raised once. Every
 * base must lie in the order-p' subgroup (the caller checks it), so a false equation leaves a factor
 * ε ≠ 1 of prime order p' > 2^128 and, whatever the other weights, at most one v cancels it: error ≤ 2^-128.
 * Keygen's range and equality proofs share one batch, which saves one 2048-bit exponentiation of h.
 */
export class FixedGroupBatch {
  private readonly exps = new Map<bigint, bigint>();
  private count = 0;

  /** Adds the equation ∏ terms[i][0]^terms[i][1] = 1 (exponents may be negative or exceed p'). */
  add(terms: readonly (readonly [bigint, bigint])[]): void {
    const v = this.count++ === 0 ? 1n : randomBelow(WEIGHT_BOUND);
    for (const [base, e] of terms) {
      const sum = ((this.exps.get(base) ?? 0n) + v * e) % FIXED_ORDER;
      this.exps.set(base, sum < 0n ? sum + FIXED_ORDER : sum);
    }
  }

  /** BAD_PROOF naming `what` unless every added equation holds (up to the error above). */
  check(what: string): void {
    let acc = 1n;
    for (const [base, e] of this.exps) if (e !== 0n) acc = (acc * modPow(base, e, FIXED_P)) % FIXED_P;
    this.exps.clear();
    this.count = 0;
    if (acc !== 1n) throw new MpcError('BAD_PROOF', `${what} does not verify`);
  }
}
