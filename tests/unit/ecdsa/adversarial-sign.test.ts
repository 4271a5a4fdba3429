import { secp256k1 } from '@noble/curves/secp256k1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/mpc/common/bytes.ts';
import type { MpcErrorCode } from '../../../src/mpc/common/errors.ts';
import { G, q } from '../../../src/mpc/ecdsa/curve.ts';
import { EcdsaPairGuard } from '../../../src/mpc/ecdsa/guard.ts';
import { EcdsaP2Precompute } from '../../../src/mpc/ecdsa/precompute.ts';
import type { EcdsaP1Share, EcdsaP2Share } from '../../../src/mpc/ecdsa/shares.ts';
import { EcdsaSignP1, type EcdsaSignP1Options } from '../../../src/mpc/ecdsa/sign-p1.ts';
import { EcdsaSignP2 } from '../../../src/mpc/ecdsa/sign-p2.ts';
import type { PaillierPrivateKey } from '../../../src/mpc/paillier/index.ts';
import { big, bytes, editFrame, expectRefusal, frameType, type Json, unbig, unbytes } from './frames.ts';
import { dealShares, parties, runPair, type Tap, testPedersen } from './helpers.ts';

let p1: EcdsaP1Share;
let p2: EcdsaP2Share;
// The client's tables (built once per share); its randomness is drawn on the spot (empty pool).
let pre: EcdsaP2Precompute;
const P = secp256k1.Point.Fp.ORDER;

beforeAll(() => {
  const d = dealShares('pair-adv');
  p1 = d.p1;
  p2 = d.p2;
  pre = new EcdsaP2Precompute(p2, testPedersen().client);
});

interface Run {
  s1: EcdsaSignP1;
  s2: EcdsaSignP2;
  secrets: () => bigint[];
}

function sessions(
  opts: { digest1?: Uint8Array; digest2?: Uint8Array; P1?: typeof EcdsaSignP1; guard?: EcdsaPairGuard } = {},
): Run {
  const pt = parties();
  const digest = randomBytes(32);
  const ped = testPedersen();
  const Cls = opts.P1 ?? EcdsaSignP1;
  const s1 = new Cls({
    ...pt,
    share: p1,
    digest: opts.digest1 ?? digest,
    pedersen: ped.enclave,
    ...(opts.guard ? { guard: opts.guard } : {}),
  });
  const s2 = new EcdsaSignP2({
    ...pt,
    share: p2,
    digest: opts.digest2 ?? digest,
    pedersen: ped.client,
    precompute: pre,
  });
  const seen: bigint[] = [];
  const secrets = () => {
    for (const s of [s1, s2] as unknown as { k1?: bigint; k2?: bigint }[]) {
      if (s.k1) seen.push(s.k1);
      if (s.k2) seen.push(s.k2);
    }
    return [p1.x1, p2.x2, ...seen];
  };
  return { s1, s2, secrets };
}

/** A tap that edits the first frame of type `t` and records the sessions' nonces as it goes. */
function attack(run: Run, t: string, edit: (o: Json) => void): Tap {
  return (f) => {
    run.secrets();
    return frameType(f) === t ? editFrame(f, edit) : f;
  };
}

function refused(t: string, edit: (o: Json) => void, code: MpcErrorCode, who?: 'p1' | 'p2') {
  const run = sessions();
  const err = expectRefusal(() => runPair(run.s1, run.s2, attack(run, t, edit)), code, run.secrets());
  if (who) {
    expect((who === 'p1' ? run.s1 : run.s2).state).toBe('aborted');
    // the refusing party returns nothing; P2 in particular never has a signature to broadcast
    expect((who === 'p1' ? run.s1 : run.s2).result).toBeUndefined();
  }
  expect(run.s2.result).toBeUndefined();
  return err;
}

/** A valid curve point whose x + p still fits in 32 bytes: its non-canonical encoding. */
function nonCanonicalPoint(): Uint8Array {
  for (let x = 1n; ; x++) {
    try {
      const pt = secp256k1.Point.fromHex(`02${x.toString(16).padStart(64, '0')}`);
      pt.assertValidity();
      const b = new Uint8Array(33);
      b[0] = 2;
      let v = x + P;
      for (let i = 32; i >= 1; i--) {
        b[i] = Number(v & 0xffn);
        v >>= 8n;
      }
      return b;
    } catch {}
  }
}

function offCurve(): Uint8Array {
  for (let x = 1n; ; x++) {
    const b = new Uint8Array(33);
    b[0] = 2;
    b[32] = Number(x);
    try {
      secp256k1.Point.fromBytes(b).assertValidity();
    } catch {
      return b;
    }
  }
}

describe('co-signature: malicious client (P2) refused by the enclave (P1)', () => {
  it('§5.3.7 R2 off the curve, identity, or non-canonical → BAD_POINT', () => {
    refused('ecdsa.sign.2', (o) => (o.R2 = bytes(offCurve())), 'BAD_POINT', 'p1');
    refused('ecdsa.sign.2', (o) => (o.R2 = bytes(new Uint8Array(33))), 'BAD_POINT', 'p1');
    refused('ecdsa.sign.2', (o) => (o.R2 = bytes(nonCanonicalPoint())), 'BAD_POINT', 'p1');
  });

  it('§5.3.7 Schnorr response ≥ q → BAD_SCALAR; forged proof of k2 → BAD_PROOF', () => {
    refused('ecdsa.sign.2', (o) => ((o.pi2 as Json).z = big(q)), 'BAD_SCALAR', 'p1');
    refused(
      'ecdsa.sign.2',
      (o) => ((o.pi2 as Json).z = big((unbig((o.pi2 as Json).z) + 1n) % q)),
      'BAD_PROOF',
      'p1',
    );
    // R2 replaced by another point with the original proof
    refused('ecdsa.sign.2', (o) => (o.R2 = bytes(G.multiply(5n).toBytes(true))), 'BAD_PROOF', 'p1');
  });

  it('§5.3.2 c3 outside Z*_{N²} → BAD_CIPHERTEXT', () => {
    refused('ecdsa.sign.4', (o) => (o.c3 = big(p2.N)), 'BAD_CIPHERTEXT', 'p1');
    refused('ecdsa.sign.4', (o) => (o.c3 = big(p2.N * p2.N + 1n)), 'BAD_CIPHERTEXT', 'p1');
    refused('ecdsa.sign.4', (o) => (o.c3 = big(0n)), 'BAD_CIPHERTEXT', 'p1');
    // A multiple of one prime factor only (P1 tests units by its factors).
    refused('ecdsa.sign.4', (o) => (o.c3 = big(p1.paillierQ * 12345n)), 'BAD_CIPHERTEXT', 'p1');
    const proof = (f: string, v: bigint) => (o: Json) => ((o.proof as Json)[f] = big(v));
    refused('ecdsa.sign.4', proof('Ct', p1.paillierP * 3n), 'BAD_PROOF', 'p1');
    refused('ecdsa.sign.4', proof('u', p1.paillierQ), 'BAD_PROOF', 'p1');
  });

  it('§5.3.3 a c3 that is not the honest one, or a forged c3 proof → BAD_PROOF', () => {
    const NN = p2.N * p2.N;
    // Plaintext shifted by one (the Lindell17 abort attack's kind of c3): the proof no longer matches.
    refused('ecdsa.sign.4', (o) => (o.c3 = big((unbig(o.c3) * (1n + p2.N)) % NN)), 'BAD_PROOF', 'p1');
    for (const f of ['W1', 'W3t', 'z3', 's2', 'u', 'Ct']) {
      refused(
        'ecdsa.sign.4',
        (o) => {
          const pr = o.proof as Json;
          pr[f] = big(unbig(pr[f]) + 1n);
        },
        'BAD_PROOF',
        'p1',
      );
    }
    refused('ecdsa.sign.4', (o) => ((o.proof as Json).Gt = bytes(G.toBytes(true))), 'BAD_PROOF', 'p1');
  });

  it('§5.3.5 a proof made for another session is refused (Fiat–Shamir binds the session id)', () => {
    // Record an honest session's R2 frame and replay its content, re-addressed, into a new session.
    const a = sessions();
    let recorded: string | undefined;
    runPair(a.s1, a.s2, (f) => {
      if (frameType(f) === 'ecdsa.sign.2') recorded = f;
      return f;
    });
    const b = sessions();
    expectRefusal(
      () =>
        runPair(b.s1, b.s2, (f) =>
          frameType(f) === 'ecdsa.sign.2'
            ? editFrame(recorded!, (o) => (o.sid = (JSON.parse(f) as Json).sid))
            : f,
        ),
      'BAD_PROOF',
      b.secrets(),
    );
  });
});

describe('co-signature: malicious enclave (P1) refused by the client (P2)', () => {
  it('§5.3.6 an opening that does not match the commitment → BAD_COMMITMENT', () => {
    refused('ecdsa.sign.3', (o) => (o.R1 = bytes(G.multiply(7n).toBytes(true))), 'BAD_COMMITMENT', 'p2');
    refused(
      'ecdsa.sign.3',
      (o) => {
        const r = unbytes(o.rand);
        r[0] = r[0]! ^ 1;
        o.rand = bytes(r);
      },
      'BAD_COMMITMENT',
      'p2',
    );
    refused('ecdsa.sign.3', (o) => ((o.pi1 as Json).z = big(1n)), 'BAD_COMMITMENT', 'p2');
  });

  it('§5.3.6 the commitment binds the digest: an enclave signing another message is refused', () => {
    const run = sessions({ digest1: randomBytes(32), digest2: randomBytes(32) });
    expectRefusal(() => runPair(run.s1, run.s2), 'BAD_COMMITMENT', run.secrets());
  });

  it('§5.3.7 final signature with s = 0 or s ≥ q → BAD_SCALAR; r = 0 → BAD_SCALAR', () => {
    refused('ecdsa.sign.5', (o) => (o.s = big(0n)), 'BAD_SCALAR', 'p2');
    refused('ecdsa.sign.5', (o) => (o.s = big(q)), 'BAD_SCALAR', 'p2');
    refused('ecdsa.sign.5', (o) => (o.r = big(0n)), 'BAD_SCALAR', 'p2');
  });

  it('§5.4 a wrong final signature from the enclave is refused and nothing is returned', () => {
    refused('ecdsa.sign.5', (o) => (o.s = big(unbig(o.s) - 1n)), 'BAD_SIGNATURE', 'p2');
    refused('ecdsa.sign.5', (o) => (o.s = big(q - unbig(o.s))), 'BAD_SIGNATURE', 'p2'); // high-s
    refused('ecdsa.sign.5', (o) => (o.recid = (o.recid as number) ^ 1), 'BAD_SIGNATURE', 'p2');
    refused('ecdsa.sign.5', (o) => (o.r = big((unbig(o.r) + 1n) % q)), 'BAD_SIGNATURE', 'p2');
  });
});

describe('co-signature: failure rule (SPEC §5.4)', () => {
  class FaultyDecryptionP1 extends EcdsaSignP1 {
    protected override decryptSignaturePart(key: PaillierPrivateKey, c3: bigint): bigint {
      return super.decryptSignaturePart(key, c3) + 1n;
    }
  }

  it('a failed final signature locks the pair and further signing is refused', () => {
    const guard = new EcdsaPairGuard();
    const run = sessions({ P1: FaultyDecryptionP1 as typeof EcdsaSignP1, guard });
    expectRefusal(() => runPair(run.s1, run.s2), 'PAIR_LOCKED', run.secrets());
    expect(run.s1.failedFinalSignature).toBe(true);
    expect(guard.isLocked(p1.pairId)).toBe(true);
    expect(run.s2.result).toBeUndefined();
    const next = sessions({ guard });
    expectRefusal(() => next.s1.start(), 'PAIR_LOCKED', []);
    // other pairs are unaffected
    const other = dealShares('pair-unaffected');
    const pt = parties();
    const d = randomBytes(32);
    const o1 = new EcdsaSignP1({
      ...pt,
      share: other.p1,
      digest: d,
      pedersen: testPedersen().enclave,
      guard,
    } as EcdsaSignP1Options);
    expect(o1.start().out).toHaveLength(1);
  });

  it('a bad proof aborts without locking (nothing was decrypted)', () => {
    const guard = new EcdsaPairGuard();
    const run = sessions({ guard });
    expectRefusal(
      () =>
        runPair(
          run.s1,
          run.s2,
          attack(run, 'ecdsa.sign.4', (o) => ((o.proof as Json).z2 = big(1n))),
        ),
      'BAD_PROOF',
      run.secrets(),
    );
    expect(guard.isLocked(p1.pairId)).toBe(false);
    const again = sessions({ guard });
    const res = runPair(again.s1, again.s2);
    expect(res.p2).toBeDefined();
  });

  it('one session per pair at a time', () => {
    const guard = new EcdsaPairGuard();
    const a = sessions({ guard });
    const b = sessions({ guard });
    a.s1.start();
    expectRefusal(() => b.s1.start(), 'INVALID_STATE', []);
  });
});
