import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type {
  CreatedWallet,
  EcdsaClientShare,
  FrostClientShare,
  PairInfo,
} from '../../src/enclave/enclave-api.ts';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import type { WebSocketFactory, WebSocketLike } from '../../src/enclave/enclave-hello.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { tempDir } from '../harness/processes.ts';
import { hardKill, newKey, startDevEnclave } from './enclave-testkit.ts';

const enc = new TextEncoder();

/**
 * A WebSocket factory that SIGKILLs the enclave when the client receives the server's `killAt`-th frame
 * (that frame is not delivered): the enclave dies in the middle of an operation.
 */
let killed: Promise<void> = Promise.resolve();

function killingFactory(enclave: () => RunningEnclave, killAt: number): WebSocketFactory {
  return (url) => {
    const ws = new WebSocket(url);
    let count = 0;
    const like: WebSocketLike = {
      onopen: null,
      onmessage: null,
      onerror: null,
      onclose: null,
      send: (d) => ws.send(d),
      close: () => ws.close(),
    };
    ws.on('open', () => like.onopen?.({}));
    ws.on('error', (e) => like.onerror?.(e));
    ws.on('close', () => like.onclose?.({}));
    ws.on('message', (data) => {
      count++;
      // Frames after the kill point are dropped too (a later frame alone would be refused as reordered).
      if (count > killAt) return;
      if (count === killAt) {
        killed = hardKill(enclave());
        return;
      }
      like.onmessage?.({ data: data.toString() });
    });
    return like;
  };
}

/** Counts the frames the server sends during one operation. */
function countingFactory(counter: { n: number }): WebSocketFactory {
  return (url) => {
    const ws = new WebSocket(url);
    ws.on('message', () => counter.n++);
    return ws as never;
  };
}

describe('enclave-sim crash safety (SIGKILL mid-operation, restart on the same data dir)', () => {
  const dir = tempDir('enclave-crash');
  let enclave: RunningEnclave;
  const device = newKey();
  const recovery = newKey();
  let wallet: CreatedWallet;
  let ecdsa: EcdsaClientShare;
  let frost: FrostClientShare;
  let auth: { walletId: string; deviceKey: typeof device };

  const client = (factory?: WebSocketFactory) =>
    new EnclaveClient({
      url: enclave.url,
      identityKey: enclave.identityKey,
      webSocket: factory ?? ((u) => new WebSocket(u) as never),
      timeoutMs: 60_000,
    });

  async function crashDuring<T>(killAt: number, op: (c: EnclaveClient) => Promise<T>): Promise<void> {
    await expect(op(client(killingFactory(() => enclave, killAt)))).rejects.toMatchObject({
      code: 'ENCLAVE_UNREACHABLE',
    });
    await killed;
    enclave = await startDevEnclave({ dataDir: dir.path });
  }

  async function pairsOf(): Promise<PairInfo[]> {
    return (await client().status(auth)).pairs;
  }

  async function stillSigns(share = frost): Promise<void> {
    const m = enc.encode(`after restart ${Math.random()}`);
    const { signature } = await client().signEd25519(auth, { share, message: m });
    expect(ed25519.verify(signature, m, share.groupKey, { zip215: false })).toBe(true);
  }

  beforeAll(async () => {
    enclave = await startDevEnclave({ dataDir: dir.path });
  });
  afterAll(async () => {
    if (enclave.child.exitCode === null && enclave.child.signalCode === null) await enclave.stop();
    const db = new Database(path.join(dir.path, 'enclave.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    dir.remove();
  });

  it('create: killed after the enclave answered the request, nothing half-made survives', async () => {
    // Frames: accept, ready, step, ... — killed once the step arrived (keygen not yet run).
    await crashDuring(3, (c) => c.createWallet({ deviceKey: device, recoveryPublicKey: recovery.publicKey }));
    const counter = { n: 0 };
    wallet = await client(countingFactory(counter)).createWallet({
      deviceKey: device,
      recoveryPublicKey: recovery.publicKey,
    });
    ecdsa = wallet.ecdsaShare;
    frost = wallet.frostShare;
    auth = { walletId: wallet.walletId, deviceKey: device };
    // Killed after the last protocol frame: both pairs are stored and stay pending.
    await crashDuring(counter.n - 1, (c) =>
      c.createWallet({ deviceKey: newKey(), recoveryPublicKey: recovery.publicKey }),
    );
    expect((await pairsOf()).map((p) => p.status)).toEqual(['STORED_ENCLAVE', 'STORED_ENCLAVE']);
    await client().confirmPairs(
      auth,
      wallet.pairs.map((p) => p.pairId),
    );
    await stillSigns();
  });

  it('confirm and refresh: a crash leaves a pair that signs; the pending pair stays pending', async () => {
    await crashDuring(3, (c) => c.refresh(auth, { frostShare: frost }));
    await stillSigns();
    const counter = { n: 0 };
    const r = await client(countingFactory(counter)).refresh(auth, { frostShare: frost });
    await crashDuring(counter.n - 1, (c) => c.refresh(auth, { frostShare: frost }));
    const pairs = await pairsOf();
    expect(pairs.find((p) => p.pairId === r.frost!.pair.pairId)?.status).toBe('STORED_ENCLAVE');
    expect(pairs.find((p) => p.pairId === frost.pairId)?.status).toBe('STORED_CLIENT');
    await stillSigns();
    // Killed while the confirmation is answered: it either happened or not; a retry is idempotent.
    await crashDuring(3, (c) => c.confirmPairs(auth, [r.frost!.pair.pairId]));
    await client().confirmPairs(auth, [r.frost!.pair.pairId]);
    frost = r.frost!.share;
    await stillSigns();
  });

  it('backup and recover: crashes leave the backup usable and the signing pair signing', async () => {
    const counter = { n: 0 };
    const b = await client(countingFactory(counter)).createBackupPair(auth, { frostShare: frost });
    await client().confirmPairs(auth, [b.frost!.pair.pairId]);
    await crashDuring(counter.n - 1, (c) => c.createBackupPair(auth, { frostShare: frost }));
    await stillSigns();
    const rauth = { walletId: wallet.walletId, recoveryKey: recovery };
    const newDevice = newKey();
    await crashDuring(3, (c) =>
      c.recover(rauth, { newDevicePublicKey: newDevice.publicKey, backupFrostShare: b.frost!.share }),
    );
    await stillSigns();
    const rc = { n: 0 };
    const r = await client(countingFactory(rc)).recover(rauth, {
      newDevicePublicKey: newDevice.publicKey,
      backupFrostShare: b.frost!.share,
    });
    await crashDuring(rc.n - 1, (c) =>
      c.recover(rauth, { newDevicePublicKey: newDevice.publicKey, backupFrostShare: b.frost!.share }),
    );
    // Not confirmed: the old device and pair still work.
    await stillSigns();
    await client().confirmPairs(rauth, [r.frost!.pair.pairId]);
    auth = { walletId: wallet.walletId, deviceKey: newDevice };
    frost = r.frost!.share;
    await stillSigns();
    const pairs = await pairsOf();
    expect(pairs.find((p) => p.pairId === b.frost!.pair.pairId)?.status).toBe('STORED_CLIENT_BACKUP_SHARE');
    // The ECDSA signing pair from creation is untouched by an ed25519-only recovery and still signs.
    const { signature, digest } = await client().signEcdsa(auth, {
      share: ecdsa,
      payload: { kind: 'personal', message: enc.encode('ok') },
    });
    expect(signature.bytes.length).toBe(64);
    expect(digest.length).toBe(32);
  });
});
