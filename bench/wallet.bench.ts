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
    await bench.time(
      'wallet.generate',
      8,
      async () => {
        const env = testEnv();
        const svc = new WalletService({
          vault: env.open({ kdf: VAULT_KDF_DEFAULT }),
          connect: enclaveConnector({ webSocket }),
          enclaveUrl: enclave.url,
          enclaveIdentityKey: enclave.identityKey,
        });
        await svc.generateWallet('correct horse battery staple');
      },
      { warmup: 1, note: 'both curves, all proofs, vault scrypt N=2^17 included' },
    );
  } finally {
    await enclave.stop();
  }
}
