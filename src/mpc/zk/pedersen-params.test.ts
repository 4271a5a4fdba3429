import { describe, expect, it } from 'vitest';
import { decode, encode } from '../common/codec.ts';
import { fixtureSafePrimePair } from '../paillier/fixtures.testutil.ts';
import {
  generatePedersenParams,
  PedersenParamsProofSchema,
  pedersenParamsHash,
  UnknownOrderPedersenParamsSchema,
  verifyPedersenParams,
} from './pedersen-params.ts';
import { expectRefused } from './testutil.ts';

const [p, q] = fixtureSafePrimePair(0);
const { params, proof } = generatePedersenParams(p, q);

describe('unknown-order Pedersen parameters (made by the verifier of the c3 proof)', () => {
  it('honest parameters verify after a wire round trip; the pinned hash is stable', () => {
    const wp = JSON.parse(JSON.stringify(encode(UnknownOrderPedersenParamsSchema, params)));
    const wpr = JSON.parse(JSON.stringify(encode(PedersenParamsProofSchema, proof)));
    const params2 = decode(UnknownOrderPedersenParamsSchema, wp);
    verifyPedersenParams(params2, decode(PedersenParamsProofSchema, wpr));
    expect(params.n).toBe(p * q);
    expect(pedersenParamsHash(params2)).toEqual(pedersenParamsHash(params));
    expect(pedersenParamsHash({ ...params, g: params.h, h: params.g })).not.toEqual(
      pedersenParamsHash(params),
    );
  });

  it('refuses g outside ⟨h⟩ (a trapdoor-free g the verifier could not have proven)', () => {
    // −g is not a square, so it is not in ⟨h⟩ ⊆ QR_N: the old proof cannot verify for it.
    expectRefused(() => verifyPedersenParams({ ...params, g: params.n - params.g }, proof), 'BAD_PARAMETERS');
  });

  it('refuses tampered proofs and degenerate parameters', () => {
    const z = [...proof.z];
    z[9] = z[9]! + 1n;
    expectRefused(() => verifyPedersenParams(params, { ...proof, z }), 'BAD_PARAMETERS');
    const e = proof.e.slice();
    e[3]! ^= 0x10;
    expectRefused(() => verifyPedersenParams(params, { ...proof, e }), 'BAD_PARAMETERS');
    expectRefused(() => verifyPedersenParams(params, { ...proof, z: proof.z.slice(1) }), 'BAD_PARAMETERS');
    const zHuge = [...proof.z];
    zHuge[0] = 1n << 3000n;
    expectRefused(() => verifyPedersenParams(params, { ...proof, z: zHuge }), 'BAD_PARAMETERS');
    expectRefused(() => verifyPedersenParams({ ...params, g: 1n }, proof), 'BAD_PARAMETERS');
    expectRefused(() => verifyPedersenParams({ ...params, h: params.g }, proof), 'BAD_PARAMETERS');
    expectRefused(() => verifyPedersenParams({ ...params, n: params.n >> 8n }, proof), 'BAD_PARAMETERS');
    expectRefused(() => verifyPedersenParams({ ...params, n: params.n * 3n }, proof), 'BAD_PARAMETERS');
    const withSmall = (params.n / 8191n) * 8191n + (params.n % 2n === 0n ? 8191n : 0n);
    expectRefused(() => verifyPedersenParams({ ...params, n: withSmall }, proof), 'BAD_PARAMETERS');
    expect(() => generatePedersenParams(p, p)).toThrow();
  });
});
