import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '../src/mpc/common/bytes.ts';
import type { Bench } from './harness.ts';

/** Single-party signing: the physical floor every co-signature is compared with. */
export const prefix = 'noble';

export async function run(bench: Bench): Promise<void> {
  const sk = secp256k1.utils.randomSecretKey();
  const msgs = Array.from({ length: 200 }, () => randomBytes(32));
  await bench.time(
    'noble.secp256k1.sign',
    200,
    (i) => secp256k1.sign(msgs[Math.max(0, i)]!, sk, { prehash: false }),
    {
      warmup: 20,
    },
  );
  const edSk = ed25519.utils.randomSecretKey();
  await bench.time('noble.ed25519.sign', 200, (i) => ed25519.sign(msgs[Math.max(0, i)]!, edSk), {
    warmup: 20,
  });
}
