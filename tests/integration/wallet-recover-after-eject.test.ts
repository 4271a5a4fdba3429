import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { hashMessage } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEnclave } from '../harness/enclave.ts';
import {
  BACKUP_PASSWORD,
  device,
  NEW_PASSWORD,
  PASSWORD,
  restarted,
  signingPairStatuses,
  signsAs,
  startWalletEnclave,
} from './wallet-support.ts';

/**
 * SPEC §4.5 + §4.7 against the real enclave-sim: device A exports the key (eject), device B then recovers
 * the wallet from a backup file made before the eject. B co-signs with a new signing pair, but the full key
 * exists outside the enclave, so B must say so permanently ("exported on another device") without claiming
 * it holds the key itself (keyExported stays false on B), and its health check is not ok.
 */

describe('recovery after an eject on another device (real enclave)', { timeout: 300_000 }, () => {
  let enclave: RunningEnclave;

  beforeAll(async () => {
    enclave = await startWalletEnclave();
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  it('A ejects, B recovers from the older backup file: B co-signs and warns "exported elsewhere"', async () => {
    const a = device(enclave);
    const phone = a.restart();
    const addr = await phone.generateWallet(PASSWORD);
    const { fileText } = await phone.backupWallet(BACKUP_PASSWORD);
    await phone.verifyBackup(fileText, BACKUP_PASSWORD);
    await phone.requestEject();
    const exported = await phone.eject();
    expect(signingPairStatuses(enclave, addr.walletId)).toEqual(['EJECTED', 'EJECTED']);

    const b = device(enclave);
    const laptop = b.restart();
    expect(await laptop.recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    const st = await laptop.status();
    expect(st.keyExportedElsewhere).toBe(true);
    // B holds no full key: it is not the device that exported, and it still co-signs with the enclave.
    expect(st.keyExported).toBe(false);
    expect(signingPairStatuses(enclave, addr.walletId)).toEqual([
      'EJECTED',
      'EJECTED',
      'STORED_CLIENT',
      'STORED_CLIENT',
    ]);
    await signsAs(laptop, addr);
    // B co-signs for exactly the key A holds in full (noble, against the public key of A's exported key).
    const msg = new TextEncoder().encode('moving funds');
    const sig = hexToBytes((await laptop.sign({ kind: 'personal', message: msg })).slice(2));
    const digest = hexToBytes(hashMessage({ raw: msg }).slice(2));
    const exportedPub = secp256k1.getPublicKey(hexToBytes(exported.evmPrivateKey.slice(2)), true);
    expect(secp256k1.verify(sig.subarray(0, 64), digest, exportedPub, { prehash: false })).toBe(true);

    const h = await laptop.checkHealth();
    expect(h.ok).toBe(false);
    expect(h.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['key-exported-elsewhere']);

    // Permanent: a new worker over the same profile still says so, and the eject device keeps its own flag.
    expect(await (await restarted(b)).status()).toMatchObject({ keyExportedElsewhere: true });
    expect(await (await restarted(a)).status()).toMatchObject({
      keyExported: true,
      keyExportedElsewhere: false,
    });
  });

  it('a recovery without any eject shows no such warning and reports healthy', async () => {
    const phone = device(enclave).restart();
    const addr = await phone.generateWallet(PASSWORD);
    const { fileText } = await phone.backupWallet(BACKUP_PASSWORD);
    await phone.verifyBackup(fileText, BACKUP_PASSWORD);

    const laptop = device(enclave).restart();
    expect(await laptop.recoverWallet(fileText, BACKUP_PASSWORD, NEW_PASSWORD)).toEqual(addr);
    expect(await laptop.status()).toMatchObject({ keyExported: false, keyExportedElsewhere: false });
    await signsAs(laptop, addr);
    const h = await laptop.checkHealth();
    expect(h.checks.filter((c) => !c.ok)).toEqual([]);
    expect(h.ok).toBe(true);
  });
});
