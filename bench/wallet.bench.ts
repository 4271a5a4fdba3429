import path from 'node:path';
import WebSocket from 'ws';
import type { WebSocketLike } from '../src/enclave/enclave-hello.ts';
import { VAULT_KDF_DEFAULT } from '../src/vault/kdf.ts';
import { testEnv } from '../src/vault/test-env.ts';
import { enclaveConnector } from '../src/wallet/enclave-connector.ts';
import { WalletService } from '../src/wallet/wallet-service.ts';
import { startEnclave } from '../tests/harness/enclave.ts';
import { ROOT } from '../tests/harness/processes.ts';
import type { Bench } from './harness.ts';

/**
 * `wallet.generate`: the whole generateWallet a user waits for — vault creation (scrypt at the shipped
 * N = 2^17), device and recovery keys, DKG for both curves with every proof against the real enclave-sim
 * process over loopback WebSocket, sealing, confirmation. Each run is a fresh device (its own IndexedDB).
 * The one-time check of the enclave's Pedersen parameters happens at the first ECDSA co-signature, not here.
 */
export const prefix = 'wallet';

export async function run(bench: Bench): Promise<void> {
  const enclave = await startEnclave({
    args: ['--dev-safe-primes', path.join(ROOT, 'tests/fixtures/safe-primes.json')],
  });
  try {
    const webSocket = (u: string) => new WebSocket(u) as unknown as WebSocketLike;
    const generate = async () => {
      const env = testEnv();
      const svc = new WalletService({
        vault: env.open({ kdf: VAULT_KDF_DEFAULT }),
        connect: enclaveConnector({ webSocket }),
        enclaveUrl: enclave.url,
        enclaveIdentityKey: enclave.identityKey,
      });
      await svc.generateWallet('correct horse battery staple');
    };
    // The enclave refills its Paillier key pool in idle time; between two generations we wait for it
    // (a user creates one wallet, not a burst), so each run takes a key and its proofs' first messages.
    const poolReady = async (since: number) => {
      while (!enclave.logs.slice(since).some((l) => l.event === 'paillier_pool_ready'))
        await new Promise((r) => setTimeout(r, 50));
    };
    await poolReady(0);
    const runs = Number(process.env.WALLET_BENCH_N ?? 8);
    const samples: number[] = [];
    for (let i = -1; i < runs; i++) {
      const since = enclave.logs.length;
      const t0 = performance.now();
      await generate();
      if (i >= 0) samples.push(performance.now() - t0);
      await poolReady(since);
    }
    bench.values(
      'wallet.generate',
      samples,
      'ms',
      'both curves, all proofs, vault scrypt N=2^17 included; enclave Paillier pool refilled between runs',
    );
  } finally {
    await enclave.stop();
  }
}
