import { MpcError } from '../common/errors.ts';

/**
 * The failure rule of SPEC §5.4 for P1: a pair whose final signature failed is locked and never signs
 * again; sessions on one pair run one at a time. The enclave's store is the real guard (status LOCKED);
 * this in-memory one serves tests and single-process use with the same interface.
 */
export class PairLockedError extends MpcError {
  constructor(message = 'pair is locked after a failed signature; recover from the backup pair or eject') {
    super('PAIR_LOCKED', message);
  }
}

export interface PairGuard {
  isLocked(pairId: string): boolean;
  lock(pairId: string): void;
  /** Mark a signing session as running on the pair; refuses a locked or busy pair. */
  begin(pairId: string): void;
  end(pairId: string): void;
}

export class EcdsaPairGuard implements PairGuard {
  private readonly locked = new Set<string>();
  private readonly busy = new Set<string>();

  isLocked(pairId: string): boolean {
    return this.locked.has(pairId);
  }

  lock(pairId: string): void {
    this.locked.add(pairId);
  }

  begin(pairId: string): void {
    if (this.locked.has(pairId)) throw new PairLockedError();
    if (this.busy.has(pairId)) throw new MpcError('INVALID_STATE', 'another session is running on this pair');
    this.busy.add(pairId);
  }

  end(pairId: string): void {
    this.busy.delete(pairId);
  }
}
