import { readFileSync } from 'node:fs';
import { randomBytes, utf8 } from '../src/mpc/common/bytes.ts';
import { EcdsaKeygenP1, EcdsaKeygenP2 } from '../src/mpc/ecdsa/keygen.ts';
import { enclavePedersen, pedersenParamsHash, pinnedPedersenParams } from '../src/mpc/ecdsa/pedersen.ts';
import { EcdsaP2Precompute } from '../src/mpc/ecdsa/precompute.ts';
import { EcdsaRefreshP1, EcdsaRefreshP2 } from '../src/mpc/ecdsa/refresh.ts';
import type { EcdsaSession } from '../src/mpc/ecdsa/session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1 } from '../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../src/mpc/ecdsa/sign-p2.ts';
import { PaillierPrivateKey } from '../src/mpc/paillier/index.ts';
import { precomputeKeyEncryption } from '../src/mpc/zk/key-encryption.ts';
import { generatePedersenParams } from '../src/mpc/zk/pedersen-params.ts';
import type { Bench } from './harness.ts';

/**
 * Two-party ECDSA, both parties in one process, frames passed in memory. Paillier and Pedersen primes come
 * from the test fixtures (the enclave makes its keys ahead of time; prime generation is not measured here).
 */
export const prefix = 'ecdsa';

const fixture = JSON.parse(
  readFileSync(new URL('../tests/fixtures/safe-primes.json', import.meta.url), 'utf8'),
) as {
  safePrimes: string[];
  primes: string[];
};
const paillier = (i: number) =>
  PaillierPrivateKey.fromPrimes(BigInt(fixture.primes[2 * i]!), BigInt(fixture.primes[2 * i + 1]!));

const P1_ID = utf8('enclave:bench');
const P2_ID = utf8('client:bench');
const parties = () => ({ sid: randomBytes(32), p1Id: P1_ID, p2Id: P2_ID });

interface Run {
  bytes: number;
  p1Ms: number;
  p2Ms: number;
}

function run<A, B>(p1: EcdsaSession<A>, p2: EcdsaSession<B>): Run & { a: A; b: B } {
  const r = { bytes: 0, p1Ms: 0, p2Ms: 0 };
  const queue: { to: 1 | 2; f: string }[] = [];
  const step = (who: 1 | 2, fn: () => { out: string[] }) => {
    const t = performance.now();
    const s = fn();
    if (who === 1) r.p1Ms += performance.now() - t;
    else r.p2Ms += performance.now() - t;
    for (const f of s.out) {
      r.bytes += f.length;
      queue.push({ to: who === 1 ? 2 : 1, f });
    }
  };
  step(1, () => p1.start());
  step(2, () => p2.start());
  while (queue.length) {
    const { to, f } = queue.shift()!;
    step(to, () => (to === 1 ? p1 : p2).receive(f));
  }
  return { ...r, a: p1.result as A, b: p2.result as B };
}

export async function run_(bench: Bench): Promise<void> {
  const { params, factors } = generatePedersenParams(
    BigInt(fixture.safePrimes[0]!),
    BigInt(fixture.safePrimes[1]!),
  );
  // The enclave keeps the factors of its Pedersen modulus and the trapdoor α (c3 proof check), as enclave-sim does.
  const enclave = enclavePedersen(params, factors);
  const client = pinnedPedersenParams(params, pedersenParamsHash(params));

  let s1: EcdsaP1Share | undefined;
  let s2: EcdsaP2Share | undefined;
  const keygenRuns = Number(process.env.ECDSA_BENCH_KEYGEN_N ?? 10);
  const key0 = paillier(0);
  const keygenTimes: number[] = [];
  for (let i = -1; i < keygenRuns; i++) {
    const pre = precomputeKeyEncryption(key0); // enclave idle time, not timed
    const pt = parties();
    const t = performance.now();
    const r = run(
      new EcdsaKeygenP1({ ...pt, pairId: 'bench', paillierKey: key0, keyProofPrecomputation: pre }),
      new EcdsaKeygenP2({ ...pt, pairId: 'bench' }),
    );
    if (i >= 0) keygenTimes.push(performance.now() - t);
    s1 = r.a;
    s2 = r.b;
  }
  bench.values(
    'ecdsa.keygen',
    keygenTimes,
    'ms',
    `n=${keygenRuns} (slow run); Paillier key and P1's proof first messages made ahead of time`,
  );
  const p1Share = s1!;
  const p2Share = s2!;

  // Client tables and randomness pools, filled in idle time between co-signatures (not timed).
  const pre = new EcdsaP2Precompute(p2Share, client);
  const n = Number(process.env.ECDSA_BENCH_N ?? 30);
  const runs: Run[] = [];
  const sign = (precompute?: EcdsaP2Precompute) => {
    const pt = parties();
    const digest = randomBytes(32);
    return run(
      new EcdsaSignP1({ ...pt, share: p1Share, digest, pedersen: enclave }),
      new EcdsaSignP2({
        ...pt,
        share: p2Share,
        digest,
        pedersen: client,
        ...(precompute ? { precompute } : {}),
      }),
    );
  };
  pre.fill(1);
  sign(pre); // warm-up (builds P1's per-share cache)
  const totals: number[] = [];
  for (let i = 0; i < n; i++) {
    pre.fill(1); // idle time
    const t = performance.now();
    runs.push(sign(pre));
    totals.push(performance.now() - t);
  }
  bench.values(
    'ecdsa.cosign',
    totals,
    'ms',
    'both parties in-process; client pool (r^N, proof masks and commitments) filled in idle time',
  );
  bench.values(
    'ecdsa.cosign.enclave',
    runs.map((r) => r.p1Ms),
    'ms',
    'P1 CPU: c3 proof check (Paillier factors; Pedersen factors and trapdoor), 2 CRT decryptions',
  );
  bench.values(
    'ecdsa.cosign.client',
    runs.map((r) => r.p2Ms),
    'ms',
    'P2 CPU with a warm pool',
  );
  bench.values(
    'ecdsa.bytes_per_cosign',
    runs.map((r) => r.bytes),
    'B',
    'sum of the 5 frames (JSON text)',
  );
  const coldN = Math.max(10, Math.floor(n / 3));
  await bench.time('ecdsa.cosign.cold', coldN, () => sign(), {
    warmup: 0,
    note: 'client without precomputation (2 r^N mod N² and all 8 commitments on the spot)',
  });
  const fillTimes: number[] = [];
  for (let i = 0; i < coldN; i++) {
    const t = performance.now();
    pre.fill(1);
    fillTimes.push(performance.now() - t);
  }
  bench.values(
    'ecdsa.cosign.client_pool_fill',
    fillTimes,
    'ms',
    'idle-time work per co-signature on the client',
  );

  const refreshN = Number(process.env.ECDSA_BENCH_REFRESH_N ?? 30);
  await bench.time(
    'ecdsa.refresh',
    refreshN,
    (i) => {
      const pt = parties();
      run(
        new EcdsaRefreshP1({
          ...pt,
          share: p1Share,
          newPairId: `bench-${i}`,
          paillierKey: paillier(1 + (Math.abs(i) % 2)),
        }),
        new EcdsaRefreshP2({ ...pt, share: p2Share, newPairId: `bench-${i}` }),
      );
    },
    {
      warmup: 1,
      note: 'new Paillier key made ahead of time; client verifies validity + two-Paillier equality',
    },
  );
}

export { run_ as run };
