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
import { ServiceError } from './errors.ts';
import { testOpContext } from './op-context-test-support.ts';
import { HANDLERS, type OpContext } from './operations.ts';

/**
 * An eject whose window closes between its two curves (one operation each): the released pair can never
 * co-sign again, so the other curve's eject must still be possible for the same 24 h as a re-send, or the
 * wallet would be stuck half exported. Nothing may bring a released pair back to co-signing.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-eject-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An eject party that releases its (stand-in) half in one message. */
function releasing(): PartyMachine<unknown> {
  return { start: () => [{ t: 'half' }], receive: () => [], done: true, result: () => ({}), abort: () => {} };
}

function engineFor(curve: Curve): CurveEngine {
  return { curve, eject: () => releasing() } as unknown as CurveEngine;
}

const HOUR = 3600_000;

function setup() {
  const store = new WalletStore(openDatabase(dir), new Sealer(randomBytes(32)));
  const walletId = newWalletId();
  const device = randomBytes(32);
  const ids = { ed25519: newPairId(), secp256k1: newPairId() };
  for (const curve of ['ed25519', 'secp256k1'] as const)
    store.storeNewPair(
      {
        id: ids[curve],
        walletId,
        curve,
        kind: 'signing',
        purpose: 'keygen',
        publicKey: new Uint8Array(32),
        share: {},
      },
      { deviceKey: device, recoveryKey: device },
    );
  store.confirmPairs(walletId, [ids.ed25519, ids.secp256k1], 'device');
  let now = Date.now();
  const ctx = testOpContext({
    store,
    engines: { ed25519: engineFor('ed25519'), secp256k1: engineFor('secp256k1') },
    claim: { mode: 'device', walletId, authKey: device },
    now: () => new Date(now),
  });
  const eject = (curve: Curve) =>
    HANDLERS.eject(ctx, { curve, pairId: ids[curve], contribution: base64urlEncode(randomBytes(16)) }).then(
      (r) => (r as { pair: { status: string } }).pair.status,
      (e: unknown) => (e instanceof ServiceError ? e.code : e),
    );
  const sign = (curve: Curve) =>
    HANDLERS[curve === 'ed25519' ? 'signEd25519' : 'signEcdsa'](ctx, {
      pairId: ids[curve],
      contribution: base64urlEncode(randomBytes(16)),
      ...(curve === 'ed25519'
        ? {}
        : { payload: { kind: 'digest', digest: base64urlEncode(randomBytes(32)) } }),
    }).catch((e: unknown) => (e instanceof ServiceError ? e.code : e));
  const status = (curve: Curve) => store.getPair(walletId, ids[curve])!.status;
  return {
    store,
    walletId,
    ids,
    eject,
    sign,
    status,
    at: (t: number) => {
      now = t;
    },
    get now() {
      return now;
    },
  };
}

describe('eject finishing after its window closed', () => {
  it('the other curve finishes within 24 h of the first release; the released pair never co-signs again', async () => {
    const w = setup();
    const t0 = w.now;
    w.store.setEjectWindow(w.walletId, new Date(t0 + HOUR).toISOString(), null);
    expect(await w.eject('ed25519')).toBe('EJECT_PENDING');
    // The window closes before the client comes back for secp256k1.
    w.at(t0 + 2 * HOUR);
    expect(await w.sign('ed25519')).toBe('PAIR_NOT_USABLE');
    expect(await w.eject('secp256k1')).toBe('EJECT_PENDING');
    // Both halves re-sent on a retry; confirmation erases both; nothing returns to STORED_CLIENT.
    expect([await w.eject('ed25519'), await w.eject('secp256k1')]).toEqual([
      'EJECT_PENDING',
      'EJECT_PENDING',
    ]);
    expect(await w.sign('secp256k1')).toBe('PAIR_NOT_USABLE');
    await HANDLERS.confirmEject(
      {
        deps: { store: w.store } as OpContext['deps'],
        claim: { mode: 'device' },
        walletId: w.walletId,
      } as OpContext,
      { pairIds: [w.ids.ed25519, w.ids.secp256k1] },
    );
    expect([w.status('ed25519'), w.status('secp256k1')]).toEqual(['EJECTED', 'EJECTED']);
    expect(await w.eject('secp256k1')).toBe('PAIR_NOT_USABLE');
    expect(await w.sign('ed25519')).toBe('PAIR_NOT_USABLE');
  });

  it('no completion without a release, nor more than 24 h after it', async () => {
    const never = setup();
    // No window and nothing released: both refused, both still co-sign.
    expect(await never.eject('secp256k1')).toBe('EJECT_WINDOW_CLOSED');
    expect([never.status('ed25519'), never.status('secp256k1')]).toEqual(['STORED_CLIENT', 'STORED_CLIENT']);

    const late = setup();
    const t0 = late.now;
    late.store.setEjectWindow(late.walletId, new Date(t0 + HOUR).toISOString(), null);
    expect(await late.eject('ed25519')).toBe('EJECT_PENDING');
    late.at(t0 + 25 * HOUR);
    expect(await late.eject('secp256k1')).toBe('EJECT_WINDOW_CLOSED');
    expect(await late.eject('ed25519')).toBe('EJECT_WINDOW_CLOSED');
    // A new window from the customer (enable-eject) finishes it then; the released pair stays released.
    late.store.setEjectWindow(late.walletId, new Date(t0 + 26 * HOUR).toISOString(), null);
    expect([await late.eject('ed25519'), await late.eject('secp256k1')]).toEqual([
      'EJECT_PENDING',
      'EJECT_PENDING',
    ]);
  });
});
