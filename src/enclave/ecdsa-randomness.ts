import type { VerifiedPedersenParams } from '../mpc/ecdsa/pedersen.ts';
import { EcdsaP2Precompute } from '../mpc/ecdsa/precompute.ts';
import type { EcdsaClientShare } from './enclave-api.ts';

/**
 * The client's ECDSA randomness per share (Paillier r^N, Pedersen masks and their commitments; each item
 * used once), kept in memory only and refilled in idle time after each co-signature.
 */
export class EcdsaRandomness {
  private readonly pools = new WeakMap<EcdsaClientShare, EcdsaP2Precompute>();
  private refilling: Promise<void> = Promise.resolve();

  /** @param target co-signatures' worth of randomness to keep ready */
  constructor(private readonly target: number) {}

  /** This share's pool (made empty on first use; what is missing is computed on the spot). */
  forShare(share: EcdsaClientShare, pedersen: VerifiedPedersenParams): EcdsaP2Precompute {
    let pre = this.pools.get(share);
    if (!pre) {
      pre = new EcdsaP2Precompute(share, pedersen);
      this.pools.set(share, pre);
    }
    return pre;
  }

  /**
   * Fill this share's pool in idle time, one step per macrotask. Resolves when it covers `target`
   * co-signatures. Refills of several shares run one after another.
   */
  refill(share: EcdsaClientShare, pedersen: VerifiedPedersenParams): Promise<void> {
    const pre = this.forShare(share, pedersen);
    const run = this.refilling.then(
      () =>
        new Promise<void>((resolve) => {
          const steps = pre.fillSteps(this.target);
          // Every step in a macrotask of its own, the first one too: a co-signature's caller gets its
          // result before any of this work runs.
          const next = () => {
            const t = setTimeout(tick, 0);
            (t as { unref?: () => void }).unref?.();
          };
          const tick = () => {
            try {
              if (steps.next().done) return resolve();
            } catch {
              return resolve(); // a failed item is simply computed on the spot later
            }
            next();
          };
          next();
        }),
    );
    this.refilling = run;
    return run;
  }
}
