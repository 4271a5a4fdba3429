import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import WebSocket from 'ws';
import { openEnclaveState } from '../enclave-sim/app.ts';
import { newPairId, newWalletId } from '../enclave-sim/store/wallet-store.ts';
import type {
  CreatedWallet,
  EcdsaClientShare,
  EnclaveAuth,
  FrostClientShare,
} from '../src/enclave/enclave-api.ts';
import { EnclaveClient } from '../src/enclave/enclave-client.ts';
import { ed25519Signer } from '../src/mpc/channel/index.ts';
import { type RunningEnclave, startEnclave } from '../tests/harness/enclave.ts';
import { ROOT, tempDir } from '../tests/harness/processes.ts';
import type { Bench } from './harness.ts';

/**
 * The enclave service over loopback WebSocket: the real enclave-sim process, the real EnclaveClient, which
 * keeps one secure channel per wallet for co-signatures (as the extension does while unlocked). Rows: `ecdsa.cosign.ws`, `frost.cosign.ws`,
 * `enclave.create_wallet`, `enclave.cpu_per_cosign` (CPU of the service process per ECDSA co-signature,
 * from /proc), `enclave.rate_50_wallets` (co-signs/s with 50 wallets signing concurrently, zero errors).
 */
export const prefix = 'enclave';

const enc = new TextEncoder();

/** CPU time (ms) of the service process (the harness runs it as one process, `node --import tsx`). */
function serviceCpuMs(enclave: RunningEnclave): () => number {
  const pid = enclave.child.pid;
  return () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}

interface Wallet {
  auth: EnclaveAuth;
  ecdsa: EcdsaClientShare;
  frost: FrostClientShare;
}

/**
 * 50 wallets for the concurrency row: one key generation through the protocol, then 49 copies written to
 * the store under new wallet and pair ids (key generation is measured in its own row; co-signing cost
 * does not depend on which key is used).
 */
function cloneWallets(dataDir: string, base: CreatedWallet, count: number): Wallet[] {
  const state = openEnclaveState({ dataDir, identityKeyFile: path.join(dataDir, 'identity.key') }, {});
  const out: Wallet[] = [];
  try {
    const pairs = state.store.listPairs(base.walletId);
    for (let i = 0; i < count; i++) {
      const device = ed25519Signer(ed25519.utils.randomSecretKey());
      const walletId = newWalletId();
      const ids: string[] = [];
      const shares: Partial<Wallet> = {};
      for (const p of pairs) {
        const id = newPairId();
        ids.push(id);
        const share = { ...(state.store.loadShare(p) as Record<string, unknown>), pairId: id };
        state.store.storeNewPair(
          { id, walletId, curve: p.curve, kind: 'signing', purpose: 'keygen', publicKey: p.publicKey, share },
          { deviceKey: device.publicKey, recoveryKey: device.publicKey },
        );
        if (p.curve === 'secp256k1') shares.ecdsa = { ...base.ecdsaShare, pairId: id };
        else shares.frost = { ...base.frostShare, pairId: id };
      }
      state.store.confirmPairs(walletId, ids, 'device');
      out.push({ auth: { walletId, deviceKey: device }, ecdsa: shares.ecdsa!, frost: shares.frost! });
    }
  } finally {
    state.db.close();
  }
  return out;
}

export async function run(bench: Bench): Promise<void> {
  const dir = tempDir('bench-enclave');
  const enclave = await startEnclave({
    dataDir: dir.path,
    args: [
      '--dev-safe-primes',
      path.join(ROOT, 'tests/fixtures/safe-primes.json'),
      '--wallet-ops-per-sec',
      '100000',
      '--wallet-burst',
      '100000',
      // 50 clients share this process's CPU with the service: protocol steps may wait long under load.
      '--mpc-timeout',
      '600',
    ],
  });
  try {
    const client = new EnclaveClient({
      url: enclave.url,
      identityKey: enclave.identityKey,
      webSocket: (u) => new WebSocket(u) as never,
      timeoutMs: 600_000,
    });
    const device = ed25519Signer(ed25519.utils.randomSecretKey());
    let base: CreatedWallet | undefined;
    // The enclave refills its Paillier key pool in idle time: each generation starts with it refilled.
    const poolReady = async (since: number) => {
      while (!enclave.logs.slice(since).some((l) => l.event === 'paillier_pool_ready'))
        await new Promise((r) => setTimeout(r, 50));
    };
    await poolReady(0);
    const createTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const since = enclave.logs.length;
      const t0 = performance.now();
      base = await client.createWallet({ deviceKey: device, recoveryPublicKey: device.publicKey });
      createTimes.push(performance.now() - t0);
      await poolReady(since);
    }
    bench.values(
      'enclave.create_wallet',
      createTimes,
      'ms',
      'both curves over ws, all proofs; enclave Paillier pool refilled between runs',
    );
    const w = base!;
    const auth = { walletId: w.walletId, deviceKey: device };
    await client.confirmPairs(
      auth,
      w.pairs.map((p) => p.pairId),
    );

    const cpu = serviceCpuMs(enclave);
    const cpuPer: number[] = [];
    const wsTimes: number[] = [];
    for (let i = -2; i < 20; i++) {
      // Idle time between co-signatures: the client refills its randomness pool (not timed).
      await client.prepareEcdsa(w.ecdsaShare);
      const c0 = cpu();
      const t0 = performance.now();
      const digestMsg = enc.encode(`bench ${i}`);
      const { signature, digest } = await client.signEcdsa(auth, {
        share: w.ecdsaShare,
        payload: { kind: 'personal', message: digestMsg },
      });
      if (i >= 0) {
        wsTimes.push(performance.now() - t0);
        cpuPer.push(cpu() - c0);
      }
      if (!secp256k1.verify(signature.bytes, digest, w.ecdsaShare.Q, { prehash: false }))
        throw new Error('bad signature');
    }
    bench.values(
      'ecdsa.cosign.ws',
      wsTimes,
      'ms',
      'EIP-191 payload hashed by the enclave; kept secure channel; client pool refilled in idle time',
    );
    bench.values(
      'enclave.cpu_per_cosign',
      cpuPer,
      'ms',
      'service process CPU per ECDSA co-signature (/proc, 10 ms ticks)',
    );
    const freshTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      client.releaseChannels();
      await client.prepareEcdsa(w.ecdsaShare);
      const t0 = performance.now();
      await client.signEcdsa(auth, {
        share: w.ecdsaShare,
        payload: { kind: 'personal', message: enc.encode(`bench new ${i}`) },
      });
      freshTimes.push(performance.now() - t0);
    }
    bench.values(
      'ecdsa.cosign.ws.new_channel',
      freshTimes,
      'ms',
      'as ecdsa.cosign.ws, but a new secure channel (handshake) for each signature',
    );
    await bench.time(
      'frost.cosign.ws',
      50,
      async (i) => {
        const m = enc.encode(`bench ${i}`);
        const { signature } = await client.signEd25519(auth, { share: w.frostShare, message: m });
        if (!ed25519.verify(signature, m, w.frostShare.groupKey, { zip215: false }))
          throw new Error('bad signature');
      },
      { warmup: 3, note: 'kept secure channel' },
    );

    const wallets = cloneWallets(dir.path, w, 50);
    for (const curve of ['ed25519', 'secp256k1'] as const) {
      const perWallet = curve === 'ed25519' ? 4 : 1;
      const latencies: number[] = [];
      let errors = 0;
      const codes = new Map<string, number>();
      const t0 = performance.now();
      await Promise.all(
        wallets.map(async (x, wi) => {
          for (let i = 0; i < perWallet; i++) {
            const m = enc.encode(`rate ${wi} ${i}`);
            const s0 = performance.now();
            try {
              if (curve === 'ed25519') await client.signEd25519(x.auth, { share: x.frost, message: m });
              else
                await client.signEcdsa(x.auth, { share: x.ecdsa, payload: { kind: 'personal', message: m } });
              latencies.push(performance.now() - s0);
            } catch (e) {
              errors++;
              const c = `${(e as { code?: string }).code}/${(e as { detail?: string }).detail}`;
              codes.set(c, (codes.get(c) ?? 0) + 1);
            }
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      const rate = latencies.length / secs;
      const sorted = [...latencies].sort((a, b) => a - b);
      const q = (p: number) =>
        sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
      bench.rows.push({
        name: curve === 'secp256k1' ? 'enclave.rate_50_wallets' : 'enclave.rate_50_wallets.ed25519',
        median: rate,
        p95: rate,
        unit: 'cosign/s',
        n: latencies.length,
        note: `${curve}, 50 concurrent wallets, latency p50 ${q(0.5).toFixed(0)} ms p95 ${q(0.95).toFixed(0)} ms, errors ${errors}`,
      });
      if (errors > 0)
        process.stderr.write(
          `bench: ${errors} ${curve} co-signatures failed under load: ${JSON.stringify([...codes])}\n`,
        );
    }
  } finally {
    await enclave.stop();
    dir.remove();
  }
}
