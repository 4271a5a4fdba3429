import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWallet, EnclaveAuth } from '../../src/enclave/enclave-api.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { clientFor, newKey, startDevEnclave } from './enclave-testkit.ts';

/**
 * Co-signatures reuse one secure channel per wallet and device key while it works; the channel is closed
 * by `releaseChannels` (the wallet locks) and replaced after a failure or when the enclave dropped it.
 */
describe('enclave client: kept co-signing channel', () => {
  let enclave: RunningEnclave;
  let w: CreatedWallet;
  let auth: EnclaveAuth;
  const client = () => clientFor(enclave);
  const opens = () => enclave.logs.filter((l) => l.event === 'channel_open').length;
  const msg = (s: string) => ({ kind: 'personal' as const, message: new TextEncoder().encode(s) });

  beforeAll(async () => {
    enclave = await startDevEnclave();
    const device = newKey();
    const c = client();
    w = await c.createWallet({ deviceKey: device, recoveryPublicKey: newKey().publicKey });
    auth = { walletId: w.walletId, deviceKey: device };
    await c.confirmPairs(
      auth,
      w.pairs.map((p) => p.pairId),
    );
  }, 600_000);
  afterAll(async () => {
    await enclave?.stop();
  });

  it('signs on one channel, also concurrently; release closes it; a dropped channel is replaced', async () => {
    const c = client();
    const before = opens();
    const one = await c.signEcdsa(auth, { share: w.ecdsaShare, payload: msg('a') });
    const [two, three] = await Promise.all([
      c.signEcdsa(auth, { share: w.ecdsaShare, payload: msg('b') }),
      c.signEd25519(auth, { share: w.frostShare, message: new TextEncoder().encode('c') }),
    ]);
    for (const r of [one, two])
      expect(secp256k1.verify(r.signature.bytes, r.digest, w.ecdsaShare.Q, { prehash: false })).toBe(true);
    expect(three.signature).toHaveLength(64);
    expect(opens() - before).toBe(1);

    // Locking releases the channel: the next co-signature runs a new handshake.
    c.releaseChannels();
    await c.signEcdsa(auth, { share: w.ecdsaShare, payload: msg('d') });
    expect(opens() - before).toBe(2);

    // A failed operation closes the kept channel; the next call opens a new one and works.
    await expect(
      c.signEcdsa(auth, { share: { ...w.ecdsaShare, pairId: 'p-unknown' }, payload: msg('e') }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_PAIR' });
    await c.signEcdsa(auth, { share: w.ecdsaShare, payload: msg('f') });
    expect(opens() - before).toBe(3);
    c.releaseChannels();
  }, 600_000);
});
