import {
  generatePaillierKey,
  generatePaillierKeySteps,
  PAILLIER_MODULUS_BITS,
  PaillierPrivateKey,
} from '../../src/mpc/paillier/index.ts';
import {
  type KeyEncryptionPrecomputation,
  precomputeKeyEncryptionSteps,
} from '../../src/mpc/zk/key-encryption.ts';
import type { KeyPoolStore } from '../store/key-pool-store.ts';

export interface PaillierPoolOptions {
  /** Keys to keep ready (0: no pool, every key generated on demand). */
  target: number;
  /** Work only after this long without protocol traffic (ms), so the pool never delays a request much. */
  idleAfterMs?: number;
  /** Longest slice of generation work before yielding the event loop (ms). */
  sliceMs?: number;
  now?: () => number;
  /** Modulus size (tests use small keys; the protocol refuses anything but 2048 bits). */
  keyBits?: number;
  /** Make the next key's keygen proof first messages in idle time too (default true). */
  prepareProofs?: boolean;
  /** Called each time the background work is done (the pool is full and prepared). */
  onReady?: (size: number) => void;
}

/** A pooled key as handed out, with its keygen proofs' first messages when they were made in idle time. */
export interface FreshPaillierKey {
  key: PaillierPrivateKey;
  keyProofPrecomputation?: KeyEncryptionPrecomputation;
}

/**
 * The enclave's Paillier keys (SPEC §5.1: P1 owns a fresh 2048-bit key per pair) made in idle time and kept
 * sealed in the store, so key generation and refresh do not wait for two 1024-bit primes. Each key is
 * handed out once (the store deletes it as it reads it); when the pool is empty a key is made on the spot.
 * For the key handed out next, the keygen proofs' first messages (masks and their commitments, single use,
 * memory only) are made in idle time too. Work runs on the service's event loop in slices of about
 * `sliceMs` (one step - a prime candidate, or one sub-proof's first messages - can take up to a few hundred
 * ms), only while no protocol traffic has been seen for `idleAfterMs`.
 */
export class PaillierKeyPool {
  private readonly target: number;
  private readonly idleAfterMs: number;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly keyBits: number;
  private readonly prepareProofs: boolean;
  private readonly onReady?: (size: number) => void;
  private lastActivity = Number.NEGATIVE_INFINITY;
  private job?: Generator<void, void>;
  private timer?: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate>;
  private running = false;
  private readonly waiters: (() => void)[] = [];
  /** First messages for the key `take` hands out next (by pool id). */
  private next?: { id: string; pre: KeyEncryptionPrecomputation };

  constructor(
    private readonly store: KeyPoolStore,
    opts: PaillierPoolOptions,
  ) {
    this.target = opts.target;
    this.idleAfterMs = opts.idleAfterMs ?? 50;
    this.sliceMs = opts.sliceMs ?? 10;
    this.now = opts.now ?? (() => performance.now());
    this.keyBits = opts.keyBits ?? PAILLIER_MODULUS_BITS;
    this.prepareProofs = opts.prepareProofs ?? true;
    if (opts.onReady) this.onReady = opts.onReady;
  }

  get size(): number {
    return this.store.size;
  }

  /** Protocol traffic seen: background work pauses until the service has been idle again. */
  touch(): void {
    this.lastActivity = this.now();
  }

  /** A fresh key, never handed out before: from the pool, or generated now when the pool is empty. */
  take(): FreshPaillierKey {
    const pooled = this.store.take();
    const pre = pooled && this.next?.id === pooled.id ? this.next.pre : undefined;
    if (pooled && this.next?.id === pooled.id) this.next = undefined;
    this.kick();
    if (!pooled) return { key: generatePaillierKey(this.keyBits) };
    const key = PaillierPrivateKey.fromPrimes(pooled.p, pooled.q);
    return pre ? { key, keyProofPrecomputation: pre } : { key };
  }

  /** Start (or resume) the background work. */
  start(): void {
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    this.job = undefined;
    if (this.timer !== undefined) {
      clearTimeout(this.timer as ReturnType<typeof setTimeout>);
      clearImmediate(this.timer as ReturnType<typeof setImmediate>);
      this.timer = undefined;
    }
    this.wake();
  }

  /** Resolves when nothing is left to do in the background (or the pool stopped). For tests and benches. */
  whenReady(): Promise<void> {
    if (!this.pending()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.pending()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private pending(): boolean {
    if (!this.running) return false;
    if (this.store.size < this.target) return true;
    return this.needsProofs(this.store.nextId());
  }

  private needsProofs(id: string | undefined): id is string {
    return this.prepareProofs && id !== undefined && this.next?.id !== id;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private kick(): void {
    if (!this.running || this.timer !== undefined || !this.pending()) return;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    const run = () => {
      this.timer = undefined;
      this.slice();
    };
    if (delayMs > 0) {
      // Waiting for quiet never keeps the process alive on its own.
      const t = setTimeout(run, delayMs);
      t.unref();
      this.timer = t;
    } else {
      // Not unref'd: an unref'd immediate lets the event loop block in its poll phase until other I/O,
      // which starves the pool on an idle service. stop() clears it.
      this.timer = setImmediate(run);
    }
  }

  private slice(): void {
    if (!this.running) return;
    const quiet = this.now() - this.lastActivity;
    if (quiet < this.idleAfterMs) {
      this.schedule(this.idleAfterMs - quiet);
      return;
    }
    this.job ??= this.work();
    const until = this.now() + this.sliceMs;
    while (this.now() < until) {
      if (this.job.next().done) {
        this.job = undefined;
        break;
      }
    }
    this.wake();
    if (this.job || this.pending()) this.schedule(0);
    else this.onReady?.(this.store.size);
  }

  /** One unit of background work, yielding every few milliseconds. */
  private *work(): Generator<void, void> {
    const id = this.store.nextId();
    if (this.needsProofs(id)) {
      const pooled = this.store.peek(id);
      if (!pooled) return;
      const key = PaillierPrivateKey.fromPrimes(pooled.p, pooled.q);
      const pre = yield* precomputeKeyEncryptionSteps(key);
      // The key may have been taken meanwhile: then these first messages are simply dropped.
      if (this.store.nextId() === id) this.next = { id, pre };
      return;
    }
    if (this.store.size < this.target) {
      const key = yield* generatePaillierKeySteps(this.keyBits);
      this.store.add({ p: key.p, q: key.q });
    }
  }
}
