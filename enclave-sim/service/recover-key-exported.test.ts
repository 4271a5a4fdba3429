/**
 * The recover result tells the recovering device whether the wallet's key was ever exported on that curve
 * (SPEC §4.7): `keyExported: true` when one of its signing pairs is EJECTED or EJECT_PENDING, absent otherwise
 * (an additive field: protocol version 1 clients ignore it). The MPC itself is stubbed: only the handler's
 * bookkeeping is under test here (the real protocol runs in tests/integration/wallet-recover-after-eject).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PartyMachine } from '../../src/mpc/channel/party.ts';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import { base64urlEncode } from '../../src/mpc/common/codec.ts';
import { openDatabase } from '../store/db.ts';
import { Sealer } from '../store/sealing.ts';
import { type Curve, newPairId, newWalletId, WalletStore } from '../store/wallet-store.ts';
import type { CurveEngine } from './curve-engine.ts';
import { testOpContext } from './op-context-test-support.ts';
import { HANDLERS } from './operations.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-recover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A party that is done at once with the given result (no frames either way). */
function finished<R>(r: R): PartyMachine<R> {
  return { start: () => [], receive: () => [], done: true, result: () => r, abort: () => {} };
}

const engine = {
  pairCheck: () => finished({}),
  derive: () => finished({ publicKey: new Uint8Array(33), share: {} }),
} as unknown as CurveEngine;

function walletWithBackups() {
  const store = new WalletStore(openDatabase(mkdtempSync(path.join(dir, 'w-'))), new Sealer(randomBytes(32)));
  const walletId = newWalletId();
  const key = randomBytes(32);
  const pair = (curve: Curve, kind: 'signing' | 'backup', first = false) => {
    const id = newPairId();
    const input = {
      id,
      walletId,
      curve,
      kind,
      purpose: kind === 'signing' ? ('keygen' as const) : ('backup' as const),
      publicKey: new Uint8Array(33),
      share: {},
    };
    // The first pair creates the wallet row (device and recovery key).
    store.storeNewPair(input, first ? { deviceKey: key, recoveryKey: key } : undefined);
    store.confirmPairs(walletId, [id], 'device');
    return id;
  };
  const signing = { secp256k1: pair('secp256k1', 'signing', true), ed25519: pair('ed25519', 'signing') };
  const backup = { secp256k1: pair('secp256k1', 'backup'), ed25519: pair('ed25519', 'backup') };
  const ctx = testOpContext({
    store,
    engines: { secp256k1: engine, ed25519: engine },
    claim: { mode: 'recovery', walletId, authKey: key },
    devRawDigests: false,
  });
  const recover = (curve: Curve) =>
    HANDLERS.recover(ctx, {
      curve,
      pairId: backup[curve],
      newDeviceKey: base64urlEncode(randomBytes(32)),
      contribution: base64urlEncode(randomBytes(16)),
    }) as Promise<Record<string, unknown>>;
  return { store, walletId, signing, recover };
}

describe('recover result: keyExported', () => {
  it('absent while no signing pair was ejected', async () => {
    const w = walletWithBackups();
    for (const curve of ['secp256k1', 'ed25519'] as const) {
      const r = await w.recover(curve);
      expect(r.previousPairId).toBeDefined();
      expect('keyExported' in r).toBe(false);
    }
  });

  it('true from the moment the half was released (EJECT_PENDING) and after the eject (EJECTED), per curve', async () => {
    const w = walletWithBackups();
    const ecdsa = w.store.markEjectPending(w.store.getPair(w.walletId, w.signing.secp256k1)!);
    expect((await w.recover('secp256k1')).keyExported).toBe(true);
    // The other curve's key is still only in two halves.
    expect('keyExported' in (await w.recover('ed25519'))).toBe(false);
    w.store.confirmEject(w.walletId, [ecdsa.id]);
    expect((await w.recover('secp256k1')).keyExported).toBe(true);
  });
});
