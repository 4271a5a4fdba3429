import { describe, expect, it } from 'vitest';
import type { VaultDb } from './schema.ts';
import type { ShareRef } from './shares.ts';
import { PASSWORD, testEnv } from './test-env.ts';
import type { Vault } from './vault.ts';

const REF: ShareRef = { walletId: 'w1', curve: 'secp256k1', pairId: 'pair-1', kind: 'client-share' };
const dbOf = (v: Vault) => (v as unknown as { db(): Promise<VaultDb> }).db();

async function unlocked() {
  const env = testEnv();
  const v = env.open();
  await v.createVault(PASSWORD);
  return { env, v };
}

describe('sealed share records', () => {
  it('put / get / list / delete round trip; plaintext is not stored in clear', async () => {
    const { v } = await unlocked();
    const secret = new Uint8Array(32).map((_, i) => i + 100);
    await v.shares.put(REF, secret, 'pending');
    const got = await v.shares.get(REF);
    expect(got?.plaintext).toEqual(secret);
    expect(got?.status).toBe('pending');
    const raw = await (await dbOf(v)).get('shares', ['w1', 'secp256k1', 'pair-1', 'client-share']);
    expect(raw?.ciphertext.length).toBe(32 + 16);
    expect(Buffer.from(raw!.ciphertext).includes(Buffer.from(secret.subarray(0, 8)))).toBe(false);
    expect(raw?.nonce.length).toBe(24);
    expect(await v.shares.list('w1')).toMatchObject([{ ...REF, status: 'pending' }]);
    expect(await v.shares.get({ ...REF, pairId: 'other' })).toBeUndefined();
    await expect(v.shares.get(REF, { expectStatus: 'active' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await v.shares.delete(REF);
    expect(await v.shares.get(REF)).toBeUndefined();
  });

  it('fresh nonce per seal: the same plaintext seals differently', async () => {
    const { v } = await unlocked();
    await v.shares.put(REF, new Uint8Array([1]));
    const a = await (await dbOf(v)).get('shares', ['w1', 'secp256k1', 'pair-1', 'client-share']);
    await v.shares.put(REF, new Uint8Array([1]));
    const b = await (await dbOf(v)).get('shares', ['w1', 'secp256k1', 'pair-1', 'client-share']);
    expect(a!.nonce).not.toEqual(b!.nonce);
    expect(a!.ciphertext).not.toEqual(b!.ciphertext);
    expect(b!.createdAt).toBe(a!.createdAt);
  });

  it('activate re-seals pending as active and retires the old pair in the same transaction', async () => {
    const { v } = await unlocked();
    const old = { ...REF, pairId: 'old' };
    await v.shares.put(old, new Uint8Array([1]));
    await v.shares.put(REF, new Uint8Array([2]), 'pending');
    await v.shares.activate(REF, { retire: [old] });
    expect((await v.shares.get(REF, { expectStatus: 'active' }))?.plaintext).toEqual(new Uint8Array([2]));
    expect(await v.shares.get(old)).toBeUndefined();
    // Idempotent: a retried confirmation is harmless.
    await v.shares.activate(REF, { retire: [old] });
    await expect(v.shares.activate({ ...REF, pairId: 'missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a failing batch changes nothing (the old share survives)', async () => {
    const { v } = await unlocked();
    const old = { ...REF, pairId: 'old' };
    await v.shares.put(old, new Uint8Array([1]));
    await expect(
      v.write([
        { type: 'deleteShare', ref: old },
        { type: 'putShare', ref: REF, status: 'pending', plaintext: new Uint8Array([2]) },
        { type: 'activateShare', ref: { ...REF, pairId: 'missing' } },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await v.shares.get(old))?.plaintext).toEqual(new Uint8Array([1]));
    expect(await v.shares.get(REF)).toBeUndefined();
  });

  it('validates refs', async () => {
    const { v } = await unlocked();
    for (const bad of [
      { ...REF, curve: 'p256' },
      { ...REF, walletId: '' },
      { ...REF, pairId: 'a b' },
      { ...REF, kind: 'Client Share' },
    ])
      await expect(v.shares.put(bad as ShareRef, new Uint8Array([1]))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
  });

  describe('AEAD binding: a record moved elsewhere fails to open with RECORD_TAMPERED', () => {
    const moves: [string, Partial<ShareRef & { status: 'pending' | 'active' }>][] = [
      ['another wallet', { walletId: 'w2' }],
      ['another curve', { curve: 'ed25519' }],
      ['another pair', { pairId: 'pair-2' }],
      ['another kind', { kind: 'ejected-key' }],
      ['another status', { status: 'active' }],
    ];
    for (const [what, change] of moves)
      it(what, async () => {
        const { v } = await unlocked();
        await v.shares.put(REF, new Uint8Array([42]), 'pending');
        const db = await dbOf(v);
        const rec = await db.get('shares', ['w1', 'secp256k1', 'pair-1', 'client-share']);
        const moved = { ...rec!, ...change };
        await db.put('shares', moved);
        const target = {
          walletId: moved.walletId,
          curve: moved.curve,
          pairId: moved.pairId,
          kind: moved.kind,
        };
        await expect(v.shares.get(target)).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
        // Activation refuses it too (it opens before re-sealing).
        await expect(v.shares.activate(target)).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
      });

    it('an altered ciphertext', async () => {
      const { v } = await unlocked();
      await v.shares.put(REF, new Uint8Array([42]));
      const db = await dbOf(v);
      const rec = await db.get('shares', ['w1', 'secp256k1', 'pair-1', 'client-share']);
      rec!.ciphertext[0]! ^= 1;
      await db.put('shares', rec!);
      await expect(v.shares.get(REF)).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
    });
  });
});
