import { beforeAll, describe, expect, it } from 'vitest';
import { bigintToFixedBytes, randomBytes } from '../../../src/mpc/common/bytes.ts';
import { commit } from '../../../src/mpc/common/commitment.ts';
import { G, q } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaKeygenP1, EcdsaKeygenP2 } from '../../../src/mpc/ecdsa/keygen.ts';
import { KEYGEN_AUX } from '../../../src/mpc/ecdsa/keygen-messages.ts';
import {
  pedersenParamsHash,
  pinnedPedersenParams,
  verifyEnclavePedersenParams,
} from '../../../src/mpc/ecdsa/pedersen.ts';
import { EcdsaRefreshP1, EcdsaRefreshP2 } from '../../../src/mpc/ecdsa/refresh.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { proveSchnorr } from '../../../src/mpc/zk/schnorr.ts';
import { big, bytes, editFrame, expectRefusal, type Json, unbig, unbytes } from './frames.ts';
import { dealShares, P1_ID, parties, testPaillierKey, testPedersenParams } from './helpers.ts';

/**
 * Keygen and refresh against a malicious enclave. P1's last keygen frame (and its first refresh frame) do
 * not depend on the client's reply, so one honest P1 run is recorded and replayed, edited, into fresh
 * client sessions of the same session id: every refusal below is the client's own check.
 */
let pt: ReturnType<typeof parties>;
let k1: string;
let k3: string;
let x1 = 0n;

function clientAfterMsg1(): EcdsaKeygenP2 {
  const c = new EcdsaKeygenP2({ ...pt, pairId: 'pair-k' });
  c.start();
  c.receive(k1);
  return c;
}

beforeAll(() => {
  pt = parties();
  const p1 = new EcdsaKeygenP1({ ...pt, pairId: 'pair-k', paillierKey: testPaillierKey(0) });
  const p2 = new EcdsaKeygenP2({ ...pt, pairId: 'pair-k' });
  k1 = p1.start().out[0]!;
  p2.start();
  const k2 = p2.receive(k1).out[0]!;
  const step = p1.receive(k2);
  k3 = step.out[0]!;
  x1 = step.result!.x1;
  expect(p2.receive(k3).result?.Q).toEqual(step.result!.Q);
}, 300_000);

function refusedK3(edit: (o: Json) => void, code: Parameters<typeof expectRefusal>[1]) {
  const c = clientAfterMsg1();
  const x2 = (c as unknown as { x2: bigint }).x2;
  expectRefusal(() => c.receive(editFrame(k3, edit)), code, [x1, x2]);
  expect(c.state).toBe('aborted');
  expect(c.result).toBeUndefined();
}

describe('keygen: malicious enclave refused by the client', () => {
  it('honest replay into a fresh client session completes (the harness itself is sound)', () => {
    expect(clientAfterMsg1().receive(k3).result).toBeDefined();
  });

  it('§5.3.1 N not 2048 bits, with a small factor, or without a valid N-th-root proof → BAD_PAILLIER_KEY', () => {
    const N = unbig((JSON.parse(k3) as Json).N);
    refusedK3((o) => (o.N = big(N >> 1n)), 'BAD_PAILLIER_KEY');
    let small = (N / 7n) * 7n;
    if ((small & 1n) === 0n) small -= 7n;
    refusedK3((o) => (o.N = big(small)), 'BAD_PAILLIER_KEY');
    refusedK3((o) => (o.N = big(testPaillierKey(1).n)), 'BAD_PAILLIER_KEY');
    refusedK3((o) => {
      const v = o.validity as Json;
      const sig = v.sigma as string[];
      sig[3] = big(unbig(sig[3]) + 1n);
    }, 'BAD_PAILLIER_KEY');
  });

  it('§5.3.2 c_key outside Z*_{N²} → BAD_CIPHERTEXT', () => {
    const N = unbig((JSON.parse(k3) as Json).N);
    refusedK3((o) => (o.cKey = big(0n)), 'BAD_CIPHERTEXT');
    refusedK3((o) => (o.cKey = big(N * 5n)), 'BAD_CIPHERTEXT');
    refusedK3((o) => (o.cKey = big(N * N + 3n)), 'BAD_CIPHERTEXT');
  });

  it('§5.3.2 c_key of another plaintext, or forged PDL / range / equality proofs → BAD_PROOF', () => {
    const N = unbig((JSON.parse(k3) as Json).N);
    refusedK3((o) => (o.cKey = big((unbig(o.cKey) * (1n + N)) % (N * N))), 'BAD_PROOF');
    refusedK3((o) => {
      const pdl = (o.keyProof as Json).pdl as Json;
      pdl.z = big(unbig(pdl.z) + 1n);
    }, 'BAD_PROOF');
    refusedK3((o) => ((o.keyProof as Json).com = big(unbig((o.keyProof as Json).com) + 1n)), 'BAD_PROOF');
    refusedK3((o) => {
      const range = (o.keyProof as Json).range as Json;
      const k = Object.keys(range).find((x) => Array.isArray(range[x]))!;
      const arr = range[k] as string[];
      arr[0] = big(unbig(arr[0]) + 1n);
    }, 'BAD_PROOF');
    // The equality proof's Paillier side, whose ten relations are verified in one batch: a single one off.
    refusedK3((o) => {
      const cTilde = ((o.keyProof as Json).equal as Json).cTilde as string[];
      cTilde[6] = big((unbig(cTilde[6]) * (1n + N)) % (N * N));
    }, 'BAD_PROOF');
    refusedK3((o) => {
      const D = ((o.keyProof as Json).equal as Json).D as string[];
      D[9] = big((unbig(D[9]) * 2n) % N);
    }, 'BAD_PROOF');
  });

  it('§5.3.6 Q1 opening that does not match the commitment → BAD_COMMITMENT', () => {
    refusedK3((o) => (o.Q1 = bytes(G.multiply(3n).toBytes(true))), 'BAD_COMMITMENT');
    refusedK3((o) => {
      const r = unbytes(o.rand);
      r[31] = r[31]! ^ 0x80;
      o.rand = bytes(r);
    }, 'BAD_COMMITMENT');
  });

  it('§5.3.7 a committed Q1 that is off-curve or the identity → BAD_POINT', () => {
    for (const bad of [
      new Uint8Array(33),
      (() => {
        const b = new Uint8Array(33);
        b[0] = 3;
        b[32] = 5; // x = 5: y² = 132 is not a square mod p
        return b;
      })(),
    ]) {
      const pi = proveSchnorr({ sid: pt.sid, pid: P1_ID, aux: KEYGEN_AUX.Q1 }, 1n, G);
      const values = [bad, pi.A, bigintToFixedBytes(pi.z, 32)];
      const c = commit({ sid: pt.sid, pid: P1_ID, tag: KEYGEN_AUX.commitQ1 }, values);
      const client = new EcdsaKeygenP2({ ...pt, pairId: 'pair-k' });
      client.start();
      client.receive(editFrame(k1, (o) => (o.com = bytes(c.commitment))));
      expectRefusal(
        () =>
          client.receive(
            editFrame(k3, (o) => {
              o.Q1 = bytes(bad);
              o.pi1 = { A: bytes(pi.A), z: big(pi.z) };
              o.rand = bytes(c.randomness);
            }),
          ),
        'BAD_POINT',
        [x1],
      );
    }
  });

  it('§5.3.10 replayed, cross-session and out-of-order frames are refused', () => {
    const c = clientAfterMsg1();
    expectRefusal(() => c.receive(k1), 'UNEXPECTED_MESSAGE', []);
    const other = new EcdsaKeygenP2({ ...parties(), pairId: 'pair-k' });
    other.start();
    expectRefusal(() => other.receive(k1), 'SESSION_MISMATCH', []);
    const fresh = new EcdsaKeygenP2({ ...pt, pairId: 'pair-k' });
    fresh.start();
    expectRefusal(() => fresh.receive(k3), 'UNEXPECTED_MESSAGE', []);
  });
});

describe('keygen: malicious client refused by the enclave', () => {
  function enclave(): EcdsaKeygenP1 {
    const p = new EcdsaKeygenP1({ ...pt, pairId: 'pair-k', paillierKey: testPaillierKey(0) });
    p.start();
    return p;
  }
  it('§5.3.7 Q2 off-curve / identity → BAD_POINT; §5.3.5 forged or replayed proof of x2 → BAD_PROOF', () => {
    const x2 = 12345n;
    const Q2 = G.multiply(x2);
    const pi2 = proveSchnorr({ sid: pt.sid, pid: pt.p2Id, aux: KEYGEN_AUX.Q2 }, x2, Q2);
    const frame = (Q: Uint8Array, pi: { A: Uint8Array; z: bigint }, sid = pt.sid) =>
      JSON.stringify({
        v: 1,
        t: 'ecdsa.keygen.2',
        sid: bytes(sid),
        Q2: bytes(Q),
        pi2: { A: bytes(pi.A), z: big(pi.z) },
      });
    expectRefusal(() => enclave().receive(frame(new Uint8Array(33), pi2)), 'BAD_POINT', []);
    expectRefusal(() => enclave().receive(frame(G.multiply(2n).toBytes(true), pi2)), 'BAD_PROOF', []);
    expectRefusal(() => enclave().receive(frame(Q2.toBytes(true), { ...pi2, z: q })), 'BAD_SCALAR', []);
    // a proof bound to another session id does not verify here
    const piOther = proveSchnorr({ sid: randomBytes(32), pid: pt.p2Id, aux: KEYGEN_AUX.Q2 }, x2, Q2);
    expectRefusal(() => enclave().receive(frame(Q2.toBytes(true), piOther)), 'BAD_PROOF', []);
    // nor one bound to the enclave's identity (a reflected proof)
    const piReflect = proveSchnorr({ sid: pt.sid, pid: pt.p1Id, aux: KEYGEN_AUX.Q2 }, x2, Q2);
    expectRefusal(() => enclave().receive(frame(Q2.toBytes(true), piReflect)), 'BAD_PROOF', []);
    // -Q1 as Q2 would make Q the identity: refused even with a valid proof (the client does not know x1)
  });

  it('§5.3.10 malformed frames → MALFORMED_MESSAGE', () => {
    expectRefusal(() => enclave().receive('{'), 'MALFORMED_MESSAGE', []);
    expectRefusal(
      () => enclave().receive(JSON.stringify({ v: 2, t: 'ecdsa.keygen.2' })),
      'MALFORMED_MESSAGE',
      [],
    );
    expectRefusal(
      () => enclave().receive(JSON.stringify({ v: 1, t: 'ecdsa.keygen.2', sid: bytes(pt.sid), extra: 1 })),
      'MALFORMED_MESSAGE',
      [],
    );
  });
});

describe('refresh: malicious enclave refused by the client', () => {
  let s1: EcdsaP1Share;
  let s2: EcdsaP2Share;
  let rpt: ReturnType<typeof parties>;
  let r1: string;
  let r3: string;
  beforeAll(() => {
    const d = dealShares('pair-r');
    s1 = d.p1;
    s2 = d.p2;
    rpt = parties();
    const p1 = new EcdsaRefreshP1({
      ...rpt,
      share: s1,
      newPairId: 'pair-r2',
      paillierKey: testPaillierKey(1),
    });
    const p2 = new EcdsaRefreshP2({ ...rpt, share: s2, newPairId: 'pair-r2' });
    r1 = p1.start().out[0]!;
    p2.start();
    r3 = p1.receive(p2.receive(r1).out[0]!).out[0]!;
    expect(p2.receive(r3).result?.Q).toEqual(s2.Q);
  }, 300_000);

  function client(): EcdsaRefreshP2 {
    const c = new EcdsaRefreshP2({ ...rpt, share: s2, newPairId: 'pair-r2' });
    c.start();
    return c;
  }

  it("§5.3.1 the new N' must be valid and fresh → BAD_PAILLIER_KEY", () => {
    expectRefusal(
      () => client().receive(editFrame(r1, (o) => (o.N = big(unbig(o.N) >> 2n)))),
      'BAD_PAILLIER_KEY',
      [s1.x1, s2.x2],
    );
    expectRefusal(() => client().receive(editFrame(r1, (o) => (o.N = big(s2.N)))), 'BAD_PAILLIER_KEY', [
      s1.x1,
      s2.x2,
    ]);
  });

  it("§5.3.11 c_key' of another value → BAD_PROOF; ρ1 opening changed → BAD_COMMITMENT", () => {
    const N = unbig((JSON.parse(r1) as Json).N);
    expectRefusal(
      () => client().receive(editFrame(r1, (o) => (o.cKey = big((unbig(o.cKey) * (1n + N)) % (N * N))))),
      'BAD_PROOF',
      [s1.x1, s2.x2],
    );
    const c = client();
    c.receive(r1);
    expectRefusal(
      () => c.receive(editFrame(r3, (o) => (o.rho1 = big((unbig(o.rho1) + 1n) % q)))),
      'BAD_COMMITMENT',
      [s1.x1, s2.x2],
    );
    expect(c.result).toBeUndefined();
  });
});

describe('unknown-order Pedersen parameters (§5.3.4)', () => {
  it('the client refuses parameters whose g = h^α proof fails or that differ from the pin', () => {
    const { params, proof } = testPedersenParams();
    const z = [...proof.z];
    z[0] = z[0]! + 1n;
    expectRefusal(() => verifyEnclavePedersenParams(params, { ...proof, z }), 'BAD_PARAMETERS', []);
    expectRefusal(() => verifyEnclavePedersenParams({ ...params, g: params.h }, proof), 'BAD_PARAMETERS', []);
    expectRefusal(
      () =>
        pinnedPedersenParams({ ...params, g: (params.g * params.g) % params.n }, pedersenParamsHash(params)),
      'BAD_PARAMETERS',
      [],
    );
  });
});
