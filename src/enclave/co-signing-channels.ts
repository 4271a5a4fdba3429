import { bytesToHex } from '@noble/hashes/utils.js';
import type { EnclaveAuth } from './enclave-api.ts';
import type { EnclaveSession } from './enclave-session.ts';

/** A channel kept open for co-signing: operations on it run one at a time, in order. */
interface KeptChannel {
  session?: EnclaveSession;
  queue: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The secure channels co-signatures reuse, one per wallet and device key (the handshake's checks, SPEC §7,
 * ran when it opened; every operation on it still gets its own session id). A channel closes after
 * `keepMs` without use, on `releaseAll()` (the wallet locks), and after any failure.
 */
export class CoSigningChannels {
  private readonly kept = new Map<string, KeptChannel>();

  constructor(
    private readonly open: (auth: EnclaveAuth) => Promise<EnclaveSession>,
    private readonly keepMs: number,
  ) {}

  /**
   * Run `fn` on the kept channel of this wallet and device key, opening it when needed. Calls queue up
   * (one operation at a time per channel, as the enclave requires); a failed call closes the channel, so
   * the next one starts with a fresh handshake.
   */
  async run<T>(auth: EnclaveAuth, fn: (s: EnclaveSession) => Promise<T>): Promise<T> {
    const key = `${auth.walletId}\n${bytesToHex(auth.deviceKey.publicKey)}`;
    let k = this.kept.get(key);
    if (!k) {
      k = { queue: Promise.resolve() };
      this.kept.set(key, k);
    }
    const kept = k;
    const previous = kept.queue;
    let release!: () => void;
    kept.queue = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    if (kept.timer !== undefined) clearTimeout(kept.timer);
    kept.timer = undefined;
    try {
      if (!kept.session || kept.session.isClosed) kept.session = await this.open(auth);
      return await fn(kept.session);
    } catch (e) {
      kept.session?.close();
      kept.session = undefined;
      throw e;
    } finally {
      // The entry stays in the map (queued calls hold it); only its session comes and goes.
      if (kept.session) {
        kept.timer = setTimeout(() => this.drop(kept), this.keepMs);
        (kept.timer as { unref?: () => void }).unref?.();
      }
      release();
    }
  }

  /**
   * Close every kept channel (the wallet locked); the next co-signature opens a new one. A call running
   * on one sees its channel closed and fails like any interrupted operation.
   */
  releaseAll(): void {
    for (const kept of this.kept.values()) this.drop(kept);
  }

  private drop(kept: KeptChannel): void {
    if (kept.timer !== undefined) clearTimeout(kept.timer);
    kept.timer = undefined;
    kept.session?.close();
    kept.session = undefined;
  }
}
