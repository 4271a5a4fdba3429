import { MpcError } from '../common/errors.ts';

/**
 * A prover's statement-independent first message (masks, their commitments, encryption randomness),
 * computed ahead of time in idle moments. Single use: masks answered twice under two challenges would
 * reveal the witness, so a second `take` is refused with NONCE_REUSE.
 */
export class SingleUse<T> {
  private value: T | undefined;

  constructor(value: T) {
    this.value = value;
  }

  get used(): boolean {
    return this.value === undefined;
  }

  take(what: string): T {
    const v = this.value;
    if (v === undefined) throw new MpcError('NONCE_REUSE', `${what}: precomputed first message already used`);
    this.value = undefined;
    return v;
  }
}
