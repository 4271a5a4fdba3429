import { randomBytes } from '../src/mpc/common/bytes.ts';
import {
  createFrostSuite,
  FrostDkgClient,
  FrostDkgEnclave,
  FrostSignClient,
  FrostSignEnclave,
  type FrostSuite,
  freshSid,
  runSessions,
  verifyEd25519Strict,
} from '../src/mpc/frost/index.ts';
import type { Bench } from './harness.ts';

/**
 * ed25519 FROST 2-of-2, both parties in one process (each with its own suite, as two processes would have),
 * frames through JSON text. Co-signing includes the client's strict verification; `verifyShare` runs only on
 * failure. `frost.cosign.plain` is the same protocol on noble's `ed25519_FROST` object as is (no memory of
 * validated points), for comparison.
 */
export const prefix = 'frost';

function keygen(cs: FrostSuite, es: FrostSuite, pairId = 'bench') {
  const sid = freshSid();
  const c = new FrostDkgClient({ sid, pairId, mode: 'keygen', suite: cs });
  const e = new FrostDkgEnclave({ sid, pairId, mode: 'keygen', suite: es });
  runSessions(c, e);
  return { client: c.result().share, enclave: e.result().share };
}

export async function run(bench: Bench): Promise<void> {
  const cs = createFrostSuite();
  const es = createFrostSuite();
  await bench.time('frost.keygen', 30, () => keygen(cs, es), { warmup: 3 });

  const k = keygen(cs, es);
  const msgs = Array.from({ length: 60 }, () => randomBytes(200));
  const bytes: number[] = [];
  const signed: { message: Uint8Array; signature: Uint8Array }[] = [];
  const cosign = (suites: { cs: FrostSuite; es: FrostSuite }, i: number) => {
    const sid = freshSid();
    const message = msgs[Math.max(0, i) % msgs.length]!;
    const c = new FrostSignClient({ sid, share: k.client, message, suite: suites.cs });
    const e = new FrostSignEnclave({ sid, share: k.enclave, suite: suites.es });
    const n = runSessions(c, e);
    if (i >= 0) bytes.push(n);
    signed.push(c.result());
  };
  await bench.time('frost.cosign', 60, (i) => cosign({ cs, es }, i), {
    warmup: 5,
    note: "both parties in-process, 200-byte message, client's strict verify included",
  });
  bench.values('frost.bytes_per_cosign', bytes, 'B', 'JSON frames, both directions');
  // CPU time of the same co-signature (less sensitive than wall time to other processes on the machine).
  const cpu: number[] = [];
  for (let i = 0; i < 40; i++) {
    const u0 = process.cpuUsage();
    cosign({ cs, es }, i);
    const u = process.cpuUsage(u0);
    cpu.push((u.user + u.system) / 1000);
  }
  bench.values('frost.cosign.cpu', cpu, 'ms', 'process CPU time per co-signature (both parties)');
  // The client already verified each signature strictly; check them again outside the timed loop.
  for (const s of signed)
    if (!verifyEd25519Strict(s.signature, s.message, k.client.groupKey)) throw new Error('bad signature');
  const plain = { cs: createFrostSuite({ memory: false }), es: createFrostSuite({ memory: false }) };
  await bench.time('frost.cosign.plain', 30, (i) => cosign(plain, i), {
    warmup: 3,
    note: 'same, on ed25519_FROST as is (each point re-checked by every call)',
  });

  let current = k;
  let n = 0;
  await bench.time(
    'frost.refresh',
    30,
    () => {
      const sid = freshSid();
      const pairId = `bench-${++n}`;
      const c = new FrostDkgClient({ sid, pairId, mode: 'refresh', previous: current.client, suite: cs });
      const e = new FrostDkgEnclave({ sid, pairId, mode: 'refresh', previous: current.enclave, suite: es });
      runSessions(c, e);
      current = { client: c.result().share, enclave: e.result().share };
    },
    { warmup: 2 },
  );
}
