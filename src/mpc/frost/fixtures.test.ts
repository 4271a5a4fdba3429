import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import fixtureJson from '../../../tests/fixtures/frost-pair.json' with { type: 'json' };
import { base64urlDecode } from '../common/codec.ts';
import { decodeFrostShare } from './share.ts';
import { createFrostSuite } from './suite.ts';
import { cosign } from './testing.ts';

// Wire-format regression: records written by an earlier build still decode, check and sign.
const fixture = fixtureJson as {
  client: unknown;
  enclave: unknown;
  sample: { message: string; signature: string };
};

describe('FROST fixture pair (tests/fixtures/frost-pair.json)', () => {
  it('decodes, verifies its stored signature strictly, and co-signs', () => {
    const suites = { cs: createFrostSuite(), es: createFrostSuite() };
    const client = decodeFrostShare('client', fixture.client, suites.cs);
    const enclave = decodeFrostShare('enclave', fixture.enclave, suites.es);
    expect(client.pairId).toBe('fixture-pair-1');
    const m = base64urlDecode(fixture.sample.message);
    const sig = base64urlDecode(fixture.sample.signature);
    expect(ed25519.verify(sig, m, client.groupKey, { zip215: false })).toBe(true);
    const fresh = cosign(client, enclave, m, suites);
    expect(ed25519.verify(fresh, m, client.groupKey, { zip215: false })).toBe(true);
  });
});
