import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PartyMachine } from '../../src/mpc/channel/party.ts';
import { randomBytes } from '../../src/mpc/common/bytes.ts';
import { base64urlEncode } from '../../src/mpc/common/codec.ts';
import { PairLockedError } from '../../src/mpc/ecdsa/guard.ts';
import { openDatabase } from '../store/db.ts';
import { Sealer } from '../store/sealing.ts';
import { newPairId, newWalletId, WalletStore } from '../store/wallet-store.ts';
import type { CurveEngine } from './curve-engine.ts';
import { ServiceError } from './errors.ts';
import { testOpContext } from './op-context-test-support.ts';
import { HANDLERS } from './operations.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A P1 whose final signature check fails: the service must lock the pair (SPEC §5.4). */
function failingSigner(): PartyMachine<unknown> {
  return {
    start: () => [{ v: 1, t: 'ecdsa.sign.1' }],
    receive: () => {
      throw new PairLockedError('final signature failed verification; the pair is locked');
    },
    done: false,
    result: () => {
      throw new Error('no result');
    },
    abort: () => {},
  };
}

const engine = {
  curve: 'secp256k1',
  sign: () => failingSigner(),
  isFinalSignatureFailure: (e: unknown) => e instanceof PairLockedError,
} as unknown as CurveEngine;

describe('service failure rule', () => {
  it('locks an ECDSA pair whose final signature failed, and never signs with it again', async () => {
    const store = new WalletStore(openDatabase(dir), new Sealer(randomBytes(32)));
    const walletId = newWalletId();
    const pairId = newPairId();
    const device = randomBytes(32);
    store.storeNewPair(
      {
        id: pairId,
        walletId,
        curve: 'secp256k1',
        kind: 'signing',
        purpose: 'keygen',
        publicKey: new Uint8Array(33),
        share: {},
      },
      { deviceKey: device, recoveryKey: device },
    );
    store.confirmPairs(walletId, [pairId], 'device');
    const ctx = testOpContext({
      store,
      engines: { secp256k1: engine },
      claim: { mode: 'device', walletId, authKey: device },
      nextMpc: async () => [{}],
    });
    const params = {
      pairId,
      contribution: base64urlEncode(randomBytes(16)),
      payload: { kind: 'digest', digest: base64urlEncode(randomBytes(32)) },
    };
    await expect(HANDLERS.signEcdsa(ctx, params)).rejects.toBeInstanceOf(PairLockedError);
    expect(store.getPair(walletId, pairId)?.status).toBe('LOCKED');
    const again = await HANDLERS.signEcdsa(ctx, params).catch((e) => e);
    expect(again).toBeInstanceOf(ServiceError);
    expect((again as ServiceError).code).toBe('PAIR_LOCKED');
    // The session lock was released on failure.
    expect(ctx.deps.locks.size).toBe(0);
  });
});
