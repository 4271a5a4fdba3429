import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hashMessage, recoverMessageAddress, serializeSignature, toHex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWallet, EcdsaClientShare, FrostClientShare } from '../../src/enclave/enclave-api.ts';
import type { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { admin, adminFails, clientFor, newKey, startDevEnclave } from './enclave-testkit.ts';

const enc = new TextEncoder();

describe('enclave-sim: full wallet lifecycle over a real WebSocket', () => {
  let enclave: RunningEnclave;
  let client: EnclaveClient;
  const device = newKey();
  const recovery = newKey();
  let wallet: CreatedWallet;
  let ecdsa: EcdsaClientShare;
  let frost: FrostClientShare;
  let backupEcdsa: EcdsaClientShare;
  let backupFrost: FrostClientShare;
  let auth: { walletId: string; deviceKey: typeof device };

  beforeAll(async () => {
    enclave = await startDevEnclave();
    client = clientFor(enclave);
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  it('creates a wallet: pairs STORED_ENCLAVE, which never sign until confirmed; confirmation is idempotent', async () => {
    wallet = await client.createWallet({ deviceKey: device, recoveryPublicKey: recovery.publicKey });
    ecdsa = wallet.ecdsaShare;
    frost = wallet.frostShare;
    auth = { walletId: wallet.walletId, deviceKey: device };
    expect(wallet.pairs.map((p) => p.status)).toEqual(['STORED_ENCLAVE', 'STORED_ENCLAVE']);
    expect(wallet.pairs.every((p) => p.expiresAt)).toBe(true);
    await expect(client.signEd25519(auth, { share: frost, message: enc.encode('x') })).rejects.toMatchObject({
      code: 'PAIR_NOT_USABLE',
    });
    const ids = wallet.pairs.map((p) => p.pairId);
    const confirmed = await client.confirmPairs(auth, ids);
    expect(confirmed.map((p) => p.status)).toEqual(['STORED_CLIENT', 'STORED_CLIENT']);
    expect((await client.confirmPairs(auth, ids)).map((p) => p.status)).toEqual([
      'STORED_CLIENT',
      'STORED_CLIENT',
    ]);
  });

  it('co-signs 50 ECDSA payloads and 50 ed25519 messages, each verified with noble (and viem)', async () => {
    const address = publicKeyToAddress(toHex(secp256k1.Point.fromBytes(ecdsa.Q).toBytes(false)));
    for (let i = 0; i < 50; i++) {
      const message = enc.encode(`message ${i}`);
      const payload =
        i % 2 === 0
          ? { kind: 'personal' as const, message }
          : { kind: 'digest' as const, digest: sha256(message) };
      const { signature, digest } = await client.signEcdsa(auth, { share: ecdsa, payload });
      expect(secp256k1.verify(signature.bytes, digest, ecdsa.Q, { prehash: false })).toBe(true);
      if (payload.kind === 'personal') {
        expect(bytesToHex(digest)).toBe(hashMessage({ raw: message }).slice(2));
        const sig = serializeSignature({
          r: toHex(signature.r, { size: 32 }),
          s: toHex(signature.s, { size: 32 }),
          yParity: signature.v,
        });
        expect(await recoverMessageAddress({ message: { raw: message }, signature: sig })).toBe(address);
      }
    }
    for (let i = 0; i < 50; i++) {
      const message = enc.encode(`solana ${i}`);
      const { signature } = await client.signEd25519(auth, { share: frost, message });
      expect(ed25519.verify(signature, message, frost.groupKey, { zip215: false })).toBe(true);
    }
  });

  it('refresh: the old pair signs until the new one is confirmed, then it is revoked', async () => {
    const fresh = await client.refresh(auth, { ecdsaShare: ecdsa, frostShare: frost });
    expect(fresh.ecdsa!.pair.status).toBe('STORED_ENCLAVE');
    expect(fresh.ecdsa!.share.Q).toEqual(ecdsa.Q);
    expect(fresh.frost!.share.groupKey).toEqual(frost.groupKey);
    // Still the old pair before confirmation.
    await client.signEd25519(auth, { share: frost, message: enc.encode('old') });
    await expect(
      client.signEd25519(auth, { share: fresh.frost!.share, message: enc.encode('x') }),
    ).rejects.toMatchObject({
      code: 'PAIR_NOT_USABLE',
    });
    const ids = [fresh.ecdsa!.pair.pairId, fresh.frost!.pair.pairId];
    await client.confirmPairs(auth, ids);
    await client.confirmPairs(auth, ids);
    await expect(client.signEd25519(auth, { share: frost, message: enc.encode('x') })).rejects.toMatchObject({
      code: 'PAIR_NOT_USABLE',
    });
    const old = ecdsa;
    ecdsa = fresh.ecdsa!.share;
    frost = fresh.frost!.share;
    const st = await client.status(auth);
    expect(st.pairs.find((p) => p.pairId === old.pairId)?.status).toBe('REVOKED');
    const { signature, digest } = await client.signEcdsa(auth, {
      share: ecdsa,
      payload: { kind: 'personal', message: enc.encode('new') },
    });
    expect(secp256k1.verify(signature.bytes, digest, ecdsa.Q, { prehash: false })).toBe(true);
    const check = await client.pairCheck(auth, { ecdsaShare: ecdsa, frostShare: frost });
    expect(check).toEqual({ ecdsa: true, frost: true });
  });

  it('backup pair: kept beside the signing pair, confirmed STORED_CLIENT_BACKUP_SHARE', async () => {
    const b = await client.createBackupPair(auth, { ecdsaShare: ecdsa, frostShare: frost });
    backupEcdsa = b.ecdsa!.share;
    backupFrost = b.frost!.share;
    const confirmed = await client.confirmPairs(auth, [b.ecdsa!.pair.pairId, b.frost!.pair.pairId]);
    expect(confirmed.map((p) => [p.kind, p.status])).toEqual([
      ['backup', 'STORED_CLIENT_BACKUP_SHARE'],
      ['backup', 'STORED_CLIENT_BACKUP_SHARE'],
    ]);
    // The signing pairs are unaffected.
    await client.signEd25519(auth, { share: frost, message: enc.encode('after backup') });
  });

  it('recover on a second client: new device key, same keys, old device and pairs revoked', async () => {
    const other = clientFor(enclave);
    const newDevice = newKey();
    const rauth = { walletId: wallet.walletId, recoveryKey: recovery };
    const r = await other.recover(rauth, {
      newDevicePublicKey: newDevice.publicKey,
      backupEcdsaShare: backupEcdsa,
      backupFrostShare: backupFrost,
    });
    expect(r.ecdsa!.share.Q).toEqual(ecdsa.Q);
    expect(r.frost!.share.groupKey).toEqual(frost.groupKey);
    // Until confirmation the old device still works.
    await client.signEd25519(auth, { share: frost, message: enc.encode('before recovery confirm') });
    await other.confirmPairs(rauth, [r.ecdsa!.pair.pairId, r.frost!.pair.pairId]);
    await expect(client.status(auth)).rejects.toMatchObject({ code: 'ENCLAVE_AUTH_FAILED' });
    auth = { walletId: wallet.walletId, deviceKey: newDevice };
    const st = await other.status(auth);
    expect(st.pairs.filter((p) => p.kind === 'backup').map((p) => p.status)).toEqual([
      'STORED_CLIENT_BACKUP_SHARE',
      'STORED_CLIENT_BACKUP_SHARE',
    ]);
    expect(st.pairs.find((p) => p.pairId === ecdsa.pairId)?.status).toBe('REVOKED');
    ecdsa = r.ecdsa!.share;
    frost = r.frost!.share;
    client = other;
    const { signature, digest } = await client.signEcdsa(auth, {
      share: ecdsa,
      payload: { kind: 'personal', message: enc.encode('recovered') },
    });
    expect(secp256k1.verify(signature.bytes, digest, ecdsa.Q, { prehash: false })).toBe(true);
    const m = enc.encode('recovered ed');
    expect(
      ed25519.verify(
        (await client.signEd25519(auth, { share: frost, message: m })).signature,
        m,
        frost.groupKey,
        { zip215: false },
      ),
    ).toBe(true);
  });

  it('eject: refused outside the window; inside it reconstructs keys matching the public keys', async () => {
    await expect(client.eject(auth, { ecdsaShare: ecdsa })).rejects.toMatchObject({
      code: 'EJECT_WINDOW_CLOSED',
    });
    expect(
      adminFails(
        enclave.dataDir,
        'enable-eject',
        '--wallet',
        wallet.walletId,
        '--until',
        new Date(Date.now() + 10_000).toISOString(),
      ),
    ).toMatch(/1 minute/);
    admin(
      enclave.dataDir,
      'enable-eject',
      '--wallet',
      wallet.walletId,
      '--until',
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    const res = await client.eject(auth, { ecdsaShare: ecdsa, frostShare: frost });
    expect(res.pairs.map((p) => p.status)).toEqual(['EJECT_PENDING', 'EJECT_PENDING']);
    expect(secp256k1.getPublicKey(res.ecdsa!.privateKey, true)).toEqual(ecdsa.Q);
    const a = res.frost!.scalar;
    let x = 0n;
    for (let i = 31; i >= 0; i--) x = (x << 8n) | BigInt(a[i]!);
    expect(ed25519.Point.BASE.multiply(x).toBytes()).toEqual(frost.groupKey);
    // A retry re-sends the same half.
    const again = await client.eject(auth, { ecdsaShare: ecdsa });
    expect(again.ecdsa!.privateKey).toEqual(res.ecdsa!.privateKey);
    const done = await client.confirmEject(auth, [ecdsa.pairId, frost.pairId]);
    expect(done.map((p) => p.status)).toEqual(['EJECTED', 'EJECTED']);
    await expect(client.eject(auth, { ecdsaShare: ecdsa })).rejects.toMatchObject({
      code: 'PAIR_NOT_USABLE',
    });
    const st = await client.status(auth);
    expect(st.pairs.filter((p) => p.status === 'EJECTED')).toHaveLength(2);
  });

  it('logs only the allowed fields: no wallet id, keys, shares or payloads', () => {
    const allowed = new Set([
      'time',
      'level',
      'event',
      'requestId',
      'wallet',
      'op',
      'curve',
      'pairId',
      'status',
      'code',
      'durationMs',
      'url',
      'identityKey',
      'count',
    ]);
    expect(enclave.logs.length).toBeGreaterThan(100);
    const secrets = [
      wallet.walletId,
      bytesToHex(ecdsa.Q),
      bytesToHex(frost.groupKey),
      bytesToHex(frost.signingShare),
      ecdsa.x2.toString(16),
    ];
    for (const line of enclave.logs) {
      for (const k of Object.keys(line)) expect(allowed.has(k), k).toBe(true);
      const text = JSON.stringify(line);
      for (const s of secrets) expect(text.includes(s)).toBe(false);
    }
  });
});
