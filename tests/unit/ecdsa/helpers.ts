import { readFileSync } from 'node:fs';
import { utf8 } from '../../../src/mpc/common/bytes.ts';
import { encodePoint, G, modQ, randomScalar } from '../../../src/mpc/ecdsa/curve.ts';
import {
  type EnclavePedersen,
  enclavePedersen,
  pedersenParamsHash,
  pinnedPedersenParams,
  type VerifiedPedersenParams,
} from '../../../src/mpc/ecdsa/pedersen.ts';
import type { EcdsaSession, Step } from '../../../src/mpc/ecdsa/session.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { PaillierPrivateKey } from '../../../src/mpc/paillier/index.ts';
import { generatePedersenParams } from '../../../src/mpc/zk/pedersen-params.ts';

export const P1_ID = utf8('enclave:test-identity');
export const P2_ID = utf8('client:test-device');

export function newSid(): Uint8Array {
  const b = new Uint8Array(32);
  crypto.getRandomValues(b);
  return b;
}

export function parties(sid = newSid()) {
  return { sid, p1Id: P1_ID, p2Id: P2_ID };
}

/** A frame on the in-memory wire; `tap` may rewrite or drop frames (the malicious network / peer). */
export type Tap = (frame: string, from: 'p1' | 'p2', index: number) => string | string[] | null;

export interface RunResult<A, B> {
  p1: A | undefined;
  p2: B | undefined;
  frames: { from: 'p1' | 'p2'; frame: string }[];
  bytes: number;
}

/** Runs two sessions against each other, passing frames until both are done (or one throws). */
export function runPair<A, B>(p1: EcdsaSession<A>, p2: EcdsaSession<B>, tap?: Tap): RunResult<A, B> {
  const frames: RunResult<A, B>['frames'] = [];
  const queue: { to: 'p1' | 'p2'; frame: string }[] = [];
  let index = 0;
  const push = (from: 'p1' | 'p2', step: Step<unknown>) => {
    for (const f of step.out) {
      const tapped = tap ? tap(f, from, index) : f;
      index++;
      const list = tapped === null ? [] : Array.isArray(tapped) ? tapped : [tapped];
      for (const t of list) {
        frames.push({ from, frame: t });
        queue.push({ to: from === 'p1' ? 'p2' : 'p1', frame: t });
      }
    }
  };
  push('p1', p1.start());
  push('p2', p2.start());
  while (queue.length) {
    const { to, frame } = queue.shift()!;
    push(to, (to === 'p1' ? p1 : p2).receive(frame));
  }
  return {
    p1: p1.result,
    p2: p2.result,
    frames,
    bytes: frames.reduce((n, f) => n + f.frame.length, 0),
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/safe-primes.json', import.meta.url), 'utf8'),
) as { safePrimes: string[]; primes: string[] };

const paillierKeys = new Map<number, PaillierPrivateKey>();
/** Paillier key i (0..2) from the fixture primes: distinct keys for keygen, refresh and backup. */
export function testPaillierKey(i = 0): PaillierPrivateKey {
  let k = paillierKeys.get(i);
  if (!k) {
    k = PaillierPrivateKey.fromPrimes(BigInt(fixture.primes[2 * i]!), BigInt(fixture.primes[2 * i + 1]!));
    paillierKeys.set(i, k);
  }
  return k;
}

let cachedPedersen: { enclave: EnclavePedersen; client: VerifiedPedersenParams } | undefined;
let cachedMade: ReturnType<typeof generatePedersenParams> | undefined;

/** The enclave's unknown-order parameters from the fixture safe primes, with their g = h^α proof. */
export function testPedersenParams(): ReturnType<typeof generatePedersenParams> {
  cachedMade ??= generatePedersenParams(BigInt(fixture.safePrimes[0]!), BigInt(fixture.safePrimes[1]!));
  return cachedMade;
}

/** Enclave view (with tables) and the client's pinned view of the test parameters. */
export function testPedersen(): { enclave: EnclavePedersen; client: VerifiedPedersenParams } {
  if (!cachedPedersen) {
    const { params } = testPedersenParams();
    cachedPedersen = {
      enclave: enclavePedersen(params),
      client: pinnedPedersenParams(params, pedersenParamsHash(params)),
    };
  }
  return cachedPedersen;
}

/** Shares of a pair made by a trusted dealer (for sign tests independent of key generation). */
export function dealShares(pairId = 'pair-dealt'): { p1: EcdsaP1Share; p2: EcdsaP2Share; x: bigint } {
  const key = testPaillierKey();
  const x1 = randomScalar();
  const x2 = randomScalar();
  const cKey = key.encrypt(x1);
  const Q1 = G.multiply(x1);
  const Q2 = G.multiply(x2);
  const Q = encodePoint(Q1.add(Q2));
  return {
    x: modQ(x1 + x2),
    p1: {
      v: 1,
      kind: 'ecdsa-p1',
      pairId,
      x1,
      paillierP: key.p,
      paillierQ: key.q,
      cKey,
      Q,
      Q1: encodePoint(Q1),
      Q2: encodePoint(Q2),
    },
    p2: { v: 1, kind: 'ecdsa-p2', pairId, x2, Q, Q1: encodePoint(Q1), Q2: encodePoint(Q2), N: key.n, cKey },
  };
}
