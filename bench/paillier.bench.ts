import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBelow } from '../src/mpc/common/bytes.ts';
import { modPow } from '../src/mpc/math/modular.ts';
import { PaillierPrivateKey } from '../src/mpc/paillier/paillier.ts';
import type { ProofContext } from '../src/mpc/zk/context.ts';
import {
  precomputeKeyEncryption,
  proveKeyEncryption,
  verifyKeyEncryption,
} from '../src/mpc/zk/key-encryption.ts';
import { assertPaillierPublicKeyValid, proveValidPaillier } from '../src/mpc/zk/paillier-valid.ts';
import { generatePedersenParams, verifyPedersenParams } from '../src/mpc/zk/pedersen-params.ts';
import { proveTwoPaillierEqual, verifyTwoPaillierEqual } from '../src/mpc/zk/two-paillier-equal.ts';
import fixtures from '../tests/fixtures/safe-primes.json';
import type { Bench } from './harness.ts';

/** Paillier primitives and the keygen/refresh proofs of two-party ECDSA (fixture primes, in-process). */
export const prefix = 'ecdsa';

export async function run(bench: Bench): Promise<void> {
  const primes = fixtures.primes.map((h) => BigInt(h));
  const safe = fixtures.safePrimes.map((h) => BigInt(h));
  const key = PaillierPrivateKey.fromPrimes(primes[0]!, primes[1]!);
  const key1 = PaillierPrivateKey.fromPrimes(primes[2]!, primes[3]!);
  const pub = key.publicKey;
  const N = pub.n;
  const m = randomBelow(N);
  const c = pub.encrypt(m);
  const e2048 = randomBelow(1n << 2048n);

  await bench.time('ecdsa.math.modpow-2048-mod-4096', 30, () => modPow(c, e2048, pub.n2));
  await bench.time('ecdsa.paillier.encrypt', 30, () => pub.encrypt(m), {
    note: 'public key: r^N mod N^2 dominates',
  });
  await bench.time('ecdsa.paillier.encrypt-crt', 30, () => key.encrypt(m), { note: 'key holder, CRT' });
  const rand = Array.from({ length: 31 }, () => key.randomness());
  await bench.time('ecdsa.paillier.encrypt-precomputed', 30, (i) => pub.encrypt(m, rand[Math.max(0, i)]!), {
    note: 'r^N made ahead of time',
  });
  await bench.time('ecdsa.paillier.decrypt', 30, () => key.decrypt(c), { note: 'CRT' });

  const ctx: ProofContext = { sid: new Uint8Array(32), pid: new Uint8Array(32), aux: 'bench' };
  const valid = proveValidPaillier({ n: N }, { key }, ctx);
  await bench.time('ecdsa.zk.paillier-valid.verify', 10, () => assertPaillierPublicKeyValid(N, valid, ctx), {
    note: 'P2, keygen and refresh',
  });

  const x1 = randomBelow(secp256k1.Point.Fn.ORDER - 1n) + 1n;
  const r = key.randomness();
  const st = { n: N, cKey: key.encrypt(x1, r), q1: secp256k1.Point.BASE.multiply(x1) };
  const wit = { key, x1, rKey: r.r };
  let proof = proveKeyEncryption(st, wit, ctx); // builds the fixed-group tables once
  await bench.time(
    'ecdsa.zk.key-encryption.prove',
    5,
    () => {
      proof = proveKeyEncryption(st, wit, ctx);
    },
    { note: 'P1: Com + equality + range + PDL' },
  );
  const pres = Array.from({ length: 6 }, () => precomputeKeyEncryption(key));
  await bench.time(
    'ecdsa.zk.key-encryption.prove-precomputed',
    5,
    (i) => proveKeyEncryption(st, wit, ctx, pres[i + 1]!),
    {
      note: 'P1 with the first messages made ahead of time',
    },
  );
  await bench.time('ecdsa.zk.key-encryption.verify', 5, () => verifyKeyEncryption(st, proof, ctx), {
    note: 'P2',
  });

  const r1 = key1.randomness();
  const st2 = { n0: N, c0: st.cKey, n1: key1.n, c1: key1.encrypt(x1, r1) };
  const two = proveTwoPaillierEqual(st2, { x: x1, r0: r.r, r1: r1.r, key0: key, key1 }, ctx);
  await bench.time('ecdsa.zk.two-paillier-equal.verify', 5, () => verifyTwoPaillierEqual(st2, two, ctx), {
    note: 'P2, refresh',
  });

  const { params, proof: pp } = generatePedersenParams(safe[0]!, safe[1]!);
  await bench.time('ecdsa.zk.pedersen-params.generate', 5, () => generatePedersenParams(safe[0]!, safe[1]!), {
    note: 'enclave, from stored safe primes',
  });
  await bench.time('ecdsa.zk.pedersen-params.verify', 5, () => verifyPedersenParams(params, pp), {
    note: 'client, once per enclave identity',
  });
}
