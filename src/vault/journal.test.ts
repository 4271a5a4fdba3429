import { describe, expect, it } from 'vitest';
import type { VaultDb } from './schema.ts';
import { PASSWORD, testEnv } from './test-env.ts';
import type { Vault } from './vault.ts';

const dbOf = (v: Vault) => (v as unknown as { db(): Promise<VaultDb> }).db();

describe('journal', () => {
  it('begin / update / complete; listPending oldest first', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const a = await v.journal.begin('refresh', { pairIds: ['p1'] }, { walletId: 'w1' });
    env.clock.advance(1000);
    const b = await v.journal.begin('backup', { n: 1 });
    await v.journal.update(a, { step: 'stored-pending', data: { pairIds: ['p1', 'p2'] } });
    const pending = await v.journal.listPending();
    expect(pending.map((e) => [e.id, e.op, e.step])).toEqual([
      [a, 'refresh', 'stored-pending'],
      [b, 'backup', 'begin'],
    ]);
    expect(pending[0]).toMatchObject({ walletId: 'w1', data: { pairIds: ['p1', 'p2'] }, secretNames: [] });
    await v.journal.complete(a);
    await v.journal.complete(a); // idempotent
    expect((await v.journal.listPending()).map((e) => e.id)).toEqual([b]);
    await expect(v.journal.update(a, { step: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(v.journal.begin('Bad Op', {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(v.journal.begin('refresh', { f: () => 1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect((await v.journal.listPending()).length).toBe(1);
  });

  it('secret parts are sealed, need the key, and survive a restart', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const share = new Uint8Array(32).fill(0xab);
    const id = await v.journal.begin(
      'generate',
      { step: 1 },
      { walletId: 'w1', secrets: { 'client-share': share } },
    );
    const raw = await (await dbOf(v)).get('journal', id);
    expect(
      Buffer.from(raw!.secrets['client-share']!.ciphertext).includes(Buffer.from(share.subarray(0, 8))),
    ).toBe(false);
    await v.close();

    // The worker dies; a new one starts, still unlocked: the entry is there with its secret.
    const v2 = env.open();
    const [entry] = await v2.journal.listPending();
    expect(entry).toMatchObject({ id, op: 'generate', secretNames: ['client-share'] });
    expect(await v2.journal.openSecret(id, 'client-share')).toEqual(share);
    expect(await v2.journal.openSecret(id, 'nothing')).toBeUndefined();
    await v2.journal.update(id, { secrets: { 'client-share': null, 'ed-share': new Uint8Array([1]) } });
    expect((await v2.journal.get(id))?.secretNames).toEqual(['ed-share']);

    // Locked: the entry is listed (to know work is pending), the secret stays sealed.
    await v2.lock();
    await v2.close();
    const v3 = env.open();
    expect((await v3.journal.listPending()).length).toBe(1);
    await expect(v3.journal.openSecret(id, 'ed-share')).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(
      v3.journal.begin('generate', {}, { secrets: { s: new Uint8Array([1]) } }),
    ).rejects.toMatchObject({
      code: 'LOCKED',
    });
    await v3.unlock(PASSWORD);
    expect(await v3.journal.openSecret(id, 'ed-share')).toEqual(new Uint8Array([1]));
  });

  it('a secret moved to another entry or name fails to open', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const a = await v.journal.begin('refresh', {}, { secrets: { s: new Uint8Array([1]) } });
    const b = await v.journal.begin('refresh', {}, { secrets: { t: new Uint8Array([2]) } });
    const db = await dbOf(v);
    const ra = await db.get('journal', a);
    const rb = await db.get('journal', b);
    await db.put('journal', { ...rb!, secrets: { t: ra!.secrets.s!, s: ra!.secrets.s! } });
    await expect(v.journal.openSecret(b, 't')).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
    await expect(v.journal.openSecret(b, 's')).rejects.toMatchObject({ code: 'RECORD_TAMPERED' });
  });

  it('a pending share and the journal step are written together or not at all', async () => {
    const env = testEnv();
    const v = env.open();
    await v.createVault(PASSWORD);
    const id = await v.journal.begin('refresh', {}, { walletId: 'w1' });
    const ref = { walletId: 'w1', curve: 'ed25519' as const, pairId: 'p2', kind: 'client-share' };
    await v.write([
      { type: 'putShare', ref, status: 'pending', plaintext: new Uint8Array([3]) },
      { type: 'journalUpdate', id, step: 'stored-pending' },
    ]);
    expect((await v.journal.get(id))?.step).toBe('stored-pending');
    expect((await v.shares.get(ref))?.status).toBe('pending');
    await expect(
      v.write([
        { type: 'deleteShare', ref },
        { type: 'journalUpdate', id: 'no-such-entry', step: 'x' },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await v.shares.get(ref))?.status).toBe('pending');
  });
});
