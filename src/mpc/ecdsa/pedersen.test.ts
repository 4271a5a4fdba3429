import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomBelow } from '../common/bytes.ts';
import { modPow } from '../math/index.ts';
import { responseBounds } from '../zk/ecdsa-sign-proof.ts';
import { generatePedersenParams } from '../zk/pedersen-params.ts';
import { enclavePedersen } from './pedersen.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/safe-primes.json', import.meta.url), 'utf8'),
) as { safePrimes: string[] };

describe("enclave's Pedersen verifier view", () => {
  it('computes g^a·h^b and W^e by CRT with the factors (and the trapdoor) exactly as the public tables do', () => {
    const made = generatePedersenParams(BigInt(fixture.safePrimes[0]!), BigInt(fixture.safePrimes[1]!));
    const { n, g, h } = made.params;
    const plain = enclavePedersen(made.params);
    const { p, q } = made.factors;
    const crt = enclavePedersen(made.params, { p, q });
    const trapdoor = enclavePedersen(made.params, made.factors);
    // A wrong α is detected and ignored: the two-table path gives the same values.
    const wrongAlpha = enclavePedersen(made.params, { ...made.factors, alpha: made.factors.alpha + 1n });
    expect([plain.via, crt.via, trapdoor.via, wrongAlpha.via]).toEqual(['tables', 'crt', 'trapdoor', 'crt']);
    expect(plain.pow).toBeUndefined();
    expect(crt.pow).toBeDefined();
    const b = responseBounds(n);
    for (const [a, s] of [
      [0n, 0n],
      [b.z3 - 1n, b.s - 1n],
      [randomBelow(b.z12), randomBelow(b.s)],
      [randomBelow(b.z3), randomBelow(b.s)],
    ] as const) {
      const expected = (modPow(g, a, n) * modPow(h, s, n)) % n;
      expect(plain.commit!(a, s)).toBe(expected);
      expect(crt.commit!(a, s)).toBe(expected);
      expect(trapdoor.commit!(a, s)).toBe(expected);
      expect(wrongAlpha.commit!(a, s)).toBe(expected);
    }
    // W^e for any W the prover may send, a multiple of a factor included.
    const e = randomBelow(1n << 128n);
    for (const W of [randomBelow(n), made.factors.p * 3n, 1n]) expect(crt.pow!(W, e)).toBe(modPow(W, e, n));
    // Factors that do not match n are ignored (the public tables are used).
    expect(enclavePedersen(made.params, { p: made.factors.p, q: 7n }).pow).toBeUndefined();
  });
});
