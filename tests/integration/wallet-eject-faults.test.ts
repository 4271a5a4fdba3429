import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import Database from 'better-sqlite3';
import { getAddress } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WalletAddresses } from '../../src/messaging/page-messages.ts';
import { ejectedKeyRef } from '../../src/wallet/wallet-data.ts';
import { WalletService } from '../../src/wallet/wallet-service.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import {
  base58Decode,
  crashAfter,
  type Device,
  device,
  PASSWORD,
  restarted,
  signingPairStatuses,
  signsAs,
  startWalletEnclave,
} from './wallet-support.ts';

/**
 * Fault injection for eject against the real enclave-sim: the worker dies after each step k of eject
 * (begun → released → stored → done), a fresh WalletService starts over the same IndexedDB, and the wallet
 * must be in one of the two states a user can live with: ejected (a local single-key wallet whose stored
 * keys give the same addresses, the enclave's halves erased) or not ejected (co-signs with the enclave with
 * the same addresses, and eject can be retried). Never a wallet that can sign neither way.
 */
function hexToBytes(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
}

/** The full keys must give exactly the wallet's addresses (viem for EVM, noble for the ed25519 scalar). */
function keysGiveAddresses(evmKey: Uint8Array, ed25519ScalarLe: Uint8Array, addr: WalletAddresses) {
  expect(privateKeyToAddress(`0x${Buffer.from(evmKey).toString('hex')}`)).toBe(getAddress(addr.evm));
  expect(secp256k1.getPublicKey(evmKey, true)).toHaveLength(33);
  let a = 0n;
  for (let i = ed25519ScalarLe.length - 1; i >= 0; i--) a = (a << 8n) | BigInt(ed25519ScalarLe[i]!);
  const A = ed25519.Point.BASE.multiply(a % ed25519.Point.Fn.ORDER);
  expect(A.toBytes()).toEqual(base58Decode(addr.solana));
}

function signingPairStatus(enclave: RunningEnclave, walletId: string, curve: string): string | undefined {
  const db = new Database(path.join(enclave.dataDir, 'enclave.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare("SELECT status FROM pairs WHERE wallet_id = ? AND kind = 'signing' AND curve = ?")
      .get(walletId, curve) as { status: string } | undefined;
    return row?.status;
  } finally {
    db.close();
  }
}

/** A worker that cannot reach any enclave: whatever it signs, it signs locally. */
function offlineService(d: Device): WalletService {
  return new WalletService({
    vault: d.env.open(),
    connect: () => {
      throw new Error('no enclave in this test');
    },
    enclaveUrl: 'ws://127.0.0.1:9',
    enclaveIdentityKey: '00'.repeat(32),
  });
}

async function expectEjected(d: Device, svc: WalletService, enclave: RunningEnclave, addr: WalletAddresses) {
  const st = await svc.status();
  expect(st.keyExported).toBe(true);
  expect(st.addresses).toEqual(addr);
  // The keys the vault holds (what the wallet now signs with) are the wallet's keys.
  const vault = d.env.open();
  const ek = await vault.shares.get(ejectedKeyRef(addr.walletId, 'secp256k1'));
  const fk = await vault.shares.get(ejectedKeyRef(addr.walletId, 'ed25519'));
  expect(ek?.plaintext).toBeInstanceOf(Uint8Array);
  expect(fk?.plaintext).toBeInstanceOf(Uint8Array);
  keysGiveAddresses(ek!.plaintext, fk!.plaintext, addr);
  // The enclave erased its halves: only the local keys can sign from now on, and they do.
  expect(signingPairStatuses(enclave, addr.walletId)).toEqual(['EJECTED', 'EJECTED']);
  await signsAs(offlineService(d), addr);
  await expect(svc.eject()).rejects.toMatchObject({ code: 'KEY_EXPORTED' });
}

// Each case generates a wallet (ECDSA key generation with all proofs): allow for a loaded machine.
describe('eject fault injection with the real enclave: every step k, restart, ejected or co-signing', {
  timeout: 300_000,
}, () => {
  let enclave: RunningEnclave;

  beforeAll(async () => {
    enclave = await startWalletEnclave();
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  // What resolution must make of each crash: before the enclave released anything the eject did not happen;
  // from the moment it released its halves (they can no longer co-sign) the eject is finished.
  const expected = { begun: 'not-ejected', released: 'ejected', stored: 'ejected', done: 'ejected' } as const;

  for (const [k, outcome] of Object.entries(expected))
    it(`eject: crash after ${k} → ${outcome}`, async () => {
      const d = device(enclave);
      const addr = await d.restart().generateWallet(PASSWORD);
      const first = d.restart();
      expect(await first.requestEject()).toBeGreaterThan(Date.now());

      await expect(d.restart(crashAfter('eject', k)).eject()).rejects.toThrow();
      const svc = await restarted(d);
      const st = await svc.status();
      expect(st.pendingOperations).toBe(0);
      expect(st.addresses).toEqual(addr);

      if (outcome === 'ejected') {
        await expectEjected(d, svc, enclave, addr);
        return;
      }
      // Not ejected: the enclave still holds usable halves, the wallet co-signs with the same addresses...
      expect(st.keyExported).toBe(false);
      expect(signingPairStatuses(enclave, addr.walletId)).toEqual(['STORED_CLIENT', 'STORED_CLIENT']);
      expect(await d.env.open().shares.get(ejectedKeyRef(addr.walletId, 'secp256k1'))).toBeUndefined();
      await signsAs(svc, addr);
      // ...and the user can eject again: the keys shown are the wallet's keys.
      const keys = await svc.eject();
      keysGiveAddresses(hexToBytes(keys.evmPrivateKey.slice(2)), hexToBytes(keys.solanaScalar), addr);
      expect(keys.addresses).toEqual(addr);
      await expectEjected(d, await restarted(d), enclave, addr);
    });

  it('eject: killed inside the enclave call (ed25519 half sent, secp256k1 not yet) → ejected', async () => {
    // The worker dies between the two curves of one eject call: the enclave holds one pair EJECT_PENDING
    // and the other still STORED_CLIENT. Simulated by cutting the connection at the first frame the client
    // receives once the enclave has durably marked the ed25519 pair.
    let cutFor: string | undefined;
    const d = device(enclave, {
      webSocket: (u) => {
        const ws = new WebSocket(u);
        ws.on('message', () => {
          if (cutFor && signingPairStatus(enclave, cutFor, 'ed25519') === 'EJECT_PENDING') {
            cutFor = undefined;
            ws.terminate();
          }
        });
        return ws as never;
      },
    });
    const addr = await d.restart().generateWallet(PASSWORD);
    await d.restart().requestEject();
    cutFor = addr.walletId;
    await expect(d.restart().eject()).rejects.toThrow();
    expect(cutFor).toBeUndefined();
    expect(signingPairStatus(enclave, addr.walletId, 'ed25519')).toBe('EJECT_PENDING');
    expect(signingPairStatus(enclave, addr.walletId, 'secp256k1')).toBe('STORED_CLIENT');

    const svc = await restarted(d);
    expect((await svc.status()).pendingOperations).toBe(0);
    await expectEjected(d, svc, enclave, addr);
  });

  it('eject: crash after released, restart locked and offline → waits, then finishes once unlocked and online', async () => {
    let online = true;
    const d = device(enclave, {
      webSocket: (u) => {
        if (!online) throw new Error('offline');
        return new WebSocket(u) as never;
      },
    });
    const addr = await d.restart().generateWallet(PASSWORD);
    await d.restart().requestEject();
    await expect(d.restart(crashAfter('eject', 'released')).eject()).rejects.toThrow();
    await d.restart().lock();
    online = false;

    // Locked: nothing can be resolved (the device key is sealed), nothing is dropped either.
    const svc = await restarted(d);
    expect(await svc.status()).toMatchObject({ state: 'locked', pendingOperations: 1, keyExported: false });
    // Unlocked but offline: the enclave's view is needed, so the entry still waits.
    expect(await svc.unlock(PASSWORD)).toMatchObject({ pendingOperations: 1, keyExported: false });
    await expect(svc.sign({ kind: 'personal', message: new Uint8Array([1]) })).rejects.toThrow();
    expect(signingPairStatuses(enclave, addr.walletId)).toEqual(['EJECT_PENDING', 'EJECT_PENDING']);

    // Back online: the next operation resolves the entry first (the enclave re-sends its halves).
    online = true;
    await signsAs(svc, addr);
    expect((await svc.status()).pendingOperations).toBe(0);
    await expectEjected(d, svc, enclave, addr);
  });
});
