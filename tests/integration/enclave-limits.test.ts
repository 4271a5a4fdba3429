import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcdsaClientShare, EnclaveAuth, FrostClientShare } from '../../src/enclave/enclave-api.ts';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import { EnclaveClientError } from '../../src/enclave/enclave-errors.ts';
import type { WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { tempDir } from '../harness/processes.ts';
import {
  FrameGate,
  integrityCheck,
  newKey,
  openRawChannel,
  RawSocket,
  startDevEnclave,
  startStalledCosign,
  terminate,
  waitForLog,
  wsFactory,
} from './enclave-testkit.ts';

/**
 * Rate limits (SPEC §7: per wallet; enclave-sim also limits frames per connection) and graceful shutdown
 * (README: SIGTERM refuses new operations with SHUTTING_DOWN, lets running ones finish within the drain
 * grace, then aborts them) against the real enclave-sim process. Two wallets are made once; each part
 * restarts the service on the same data dir with the flags it needs.
 */
const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface TestWallet {
  auth: EnclaveAuth;
  ecdsa: EcdsaClientShare;
  frost: FrostClientShare;
}

const dir = tempDir('enclave-limits');
let enclave: RunningEnclave;
let A: TestWallet;
let B: TestWallet;
/** The enclave's Pedersen parameters, verified once and then pinned, as the extension does per identity. */
let pedersenHash: Uint8Array | undefined;

function client(factory: WebSocketFactory = wsFactory): EnclaveClient {
  return new EnclaveClient({
    url: enclave.url,
    identityKey: enclave.identityKey,
    webSocket: factory,
    timeoutMs: 60_000,
    ...(pedersenHash ? { pedersenHash } : {}),
  });
}

async function restart(args: string[] = []): Promise<EnclaveClient> {
  enclave = await startDevEnclave({ dataDir: dir.path, args });
  return client();
}

const running = () => enclave.child.exitCode === null && enclave.child.signalCode === null;

async function signsEd25519(c: EnclaveClient, w: TestWallet, share = w.frost): Promise<void> {
  const message = enc.encode(`limits ${Math.random()}`);
  const { signature } = await c.signEd25519(w.auth, { share, message });
  expect(ed25519.verify(signature, message, share.groupKey, { zip215: false })).toBe(true);
}

async function signsEcdsa(c: EnclaveClient, w: TestWallet): Promise<void> {
  const message = enc.encode(`limits ${Math.random()}`);
  const { signature, digest } = await c.signEcdsa(w.auth, {
    share: w.ecdsa,
    payload: { kind: 'personal', message },
  });
  expect(secp256k1.verify(signature.bytes, digest, w.ecdsa.Q, { prehash: false })).toBe(true);
  pedersenHash ??= c.pedersenHash;
}

/** Every stored row that an operation could change (shares by hash), to prove refusals changed nothing. */
function storeSnapshot(): unknown {
  const db = new Database(path.join(dir.path, 'enclave.sqlite'), { readonly: true });
  try {
    const pairs = db
      .prepare('SELECT id, wallet_id, curve, kind, status, updated_at, sealed_share FROM pairs ORDER BY id')
      .all() as { sealed_share: Uint8Array | null }[];
    return {
      wallets: db.prepare('SELECT * FROM wallets ORDER BY id').all(),
      pairs: pairs.map((p) => ({ ...p, sealed_share: p.sealed_share && bytesToHex(sha256(p.sealed_share)) })),
      events: db.prepare('SELECT COUNT(*) AS n FROM status_events').get(),
    };
  } finally {
    db.close();
  }
}

async function makeWallet(c: EnclaveClient): Promise<TestWallet> {
  const deviceKey = newKey();
  const w = await c.createWallet({ deviceKey, recoveryPublicKey: newKey().publicKey });
  const auth = { walletId: w.walletId, deviceKey };
  await c.confirmPairs(
    auth,
    w.pairs.map((p) => p.pairId),
  );
  return { auth, ecdsa: w.ecdsaShare, frost: w.frostShare };
}

beforeAll(async () => {
  const c = await restart();
  A = await makeWallet(c);
  B = await makeWallet(c);
  expect(await terminate(enclave)).toBe(0);
});

afterAll(async () => {
  if (enclave && running()) await terminate(enclave);
  expect(integrityCheck(dir.path)).toBe('ok');
  dir.remove();
});

describe('enclave-sim rate limits per wallet', () => {
  it('per wallet: a flood gets RATE_LIMITED, another wallet is unaffected, the wallet works again after the refill, nothing changed', async () => {
    // Four operations at once, then one every two seconds. Four because wallet B's check below is four
    // operations: status, an ed25519 co-signature, and this client's first ECDSA co-signature, which also
    // fetches the enclave's Pedersen parameters (with a burst of 3 it passed only when the machine was slow
    // enough to refill a token meanwhile).
    const c = await restart(['--wallet-burst', '4', '--wallet-ops-per-sec', '0.5']);
    const before = storeSnapshot();
    // Ten requests at once over ten connections: nine reads and a co-signature, which is either served
    // (and verifies) or refused like the others (and must then leave its pair free).
    const message = enc.encode('in the flood');
    const cosign = c.signEd25519(A.auth, { share: A.frost, message });
    const flood = await Promise.allSettled<unknown>([
      ...Array.from({ length: 9 }, () => c.status(A.auth)),
      cosign,
    ]);
    const served = flood.filter((r) => r.status === 'fulfilled').length;
    const refused = flood.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const last = flood[9]!;
    if (last.status === 'fulfilled') {
      const { signature } = last.value as Awaited<typeof cosign>;
      expect(ed25519.verify(signature, message, A.frost.groupKey, { zip215: false })).toBe(true);
    }
    expect(served).toBeGreaterThanOrEqual(4);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(e).toBeInstanceOf(EnclaveClientError);
      expect(e).toMatchObject({ code: 'RATE_LIMITED', detail: 'RATE_LIMITED' });
      expect((e as EnclaveClientError).userMessage).toMatch(/too many requests/i);
    }
    // The other wallet's budget is its own: it reads and co-signs on both curves right away.
    expect((await c.status(B.auth)).pairs.every((p) => p.status === 'STORED_CLIENT')).toBe(true);
    await signsEd25519(c, B);
    await signsEcdsa(c, B);
    // One token comes back every 2 s: the limited wallet co-signs again (the refusals held no pair lock).
    await sleep(2_200);
    await signsEd25519(c, A);
    await sleep(2_200);
    await signsEcdsa(c, A);
    expect(storeSnapshot()).toEqual(before);
    expect(await terminate(enclave)).toBe(0);
    expect(integrityCheck(dir.path)).toBe('ok');
  });
});

describe('enclave-sim rate limit on registrations', () => {
  it('createWallet beyond the service-wide budget gets RATE_LIMITED and writes nothing; existing wallets go on', async () => {
    // One registration, then one per 100 s: a new wallet costs a full ECDSA key generation.
    const c = await restart(['--registration-burst', '1', '--registrations-per-sec', '0.01']);
    const first = await c.createWallet({ deviceKey: newKey(), recoveryPublicKey: newKey().publicKey });
    expect(first.pairs).toHaveLength(2);
    const before = storeSnapshot();
    const refused = await c.createWallet({ deviceKey: newKey(), recoveryPublicKey: newKey().publicKey }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(EnclaveClientError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', detail: 'RATE_LIMITED' });
    expect(storeSnapshot()).toEqual(before);
    // Registrations are counted apart from wallets: existing ones still co-sign at once.
    await signsEd25519(c, A);
    await signsEcdsa(c, B);
    expect(await terminate(enclave)).toBe(0);
    expect(integrityCheck(dir.path)).toBe('ok');
  });
});

describe('enclave-sim rate limits per connection', () => {
  let c: EnclaveClient;
  let before: unknown;
  beforeAll(async () => {
    // Eight frames at once, then one every two seconds; the wallet's own limit stays at its default.
    c = await restart(['--connection-burst', '8', '--connection-frames-per-sec', '0.5']);
    before = storeSnapshot();
  });
  afterAll(async () => {
    expect(storeSnapshot()).toEqual(before);
    expect(await terminate(enclave)).toBe(0);
    expect(integrityCheck(dir.path)).toBe('ok');
  });

  it('operations chained on one channel get RATE_LIMITED; other connections of the same wallet go on', async () => {
    const session = await c.connect({ mode: 'device', walletId: A.auth.walletId, signer: A.auth.deviceKey });
    let served = 0;
    let refusal: unknown;
    for (let i = 0; i < 20 && !refusal; i++) {
      try {
        await session.run('status', () => ({}));
        served++;
      } catch (e) {
        refusal = e;
      }
    }
    // Two handshake frames, then at least six operations.
    expect(served).toBeGreaterThanOrEqual(6);
    expect(refusal).toBeInstanceOf(EnclaveClientError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED' });
    // Fresh clients: each has a connection (and so a frame budget) of its own.
    await signsEd25519(client(), A);
    await signsEcdsa(client(), B);
  });

  it('clear frames before a channel: refused, then answered again on the same socket after the refill', async () => {
    const raw = await RawSocket.open(enclave.url);
    const hello = JSON.stringify({ v: 1, t: 'hello' });
    for (let i = 0; i < 12; i++) raw.ws.send(hello);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => raw.json(i)));
    expect(answers.filter((m) => m.t === 'hello').length).toBeGreaterThanOrEqual(8);
    const limited = answers.filter((m) => m.t === 'error');
    expect(limited.length).toBeGreaterThan(0);
    for (const m of limited) expect(m.code).toBe('RATE_LIMITED');
    await sleep(2_200);
    raw.ws.send(hello);
    expect(await raw.json(12)).toMatchObject({ t: 'hello', identityKey: enclave.identityKey });
    raw.ws.close();
  });

  it('a flood inside a channel during a co-signature: RATE_LIMITED, the channel ends and the pair is free at once', async () => {
    const { raw, session, seal } = await openRawChannel(enclave, A.auth);
    // A co-signature starts on A's ed25519 pair; this client never sends its protocol messages.
    startStalledCosign(seal, A.frost.pairId);
    expect(session.open(await raw.json(2))).toMatchObject({ t: 'step', id: 1 });
    const message = enc.encode('busy');
    await expect(client().signEd25519(A.auth, { share: A.frost, message })).rejects.toMatchObject({
      code: 'PAIR_BUSY',
    });
    // Five more frames fit in the burst (three spent); the rest are over the limit.
    for (let i = 0; i < 8; i++) seal({ v: 1, t: 'op', id: 2, op: 'status', params: {} });
    const answers: Record<string, unknown>[] = [];
    for (let i = 3; !answers.some((m) => m.code === 'RATE_LIMITED'); i++)
      answers.push(session.open(await raw.json(i)) as Record<string, unknown>);
    expect(answers.filter((m) => m.code === 'OP_IN_PROGRESS').length).toBeGreaterThanOrEqual(5);
    // The refused frame was never read, so the channel cannot go on: it is closed, the running operation
    // ends and the pair's session lock is released without waiting for the protocol timeout.
    expect(await Promise.race([raw.closed, sleep(20_000).then(() => 'still open')])).toBe(1008);
    await signsEd25519(client(), A);
  });
});

describe('enclave-sim graceful shutdown (SIGTERM)', () => {
  const personal = (text: string) => ({ kind: 'personal' as const, message: enc.encode(text) });
  const opLogs = (from: number) => enclave.logs.slice(from).filter((r) => r.event === 'op');

  /**
   * Server frames of one ECDSA co-signature by a fresh client: the gated runs below use fresh clients too,
   * so they open a channel of their own whatever the client does with channels between calls.
   */
  async function cosignFrames(): Promise<number> {
    const gate = new FrameGate();
    await signsEcdsa(client(gate.factory), A);
    return gate.frames;
  }

  /** A gate's frame arrives (bounded, so a changed protocol fails here rather than at the test timeout). */
  async function reached(gate: FrameGate): Promise<void> {
    const late = sleep(30_000).then(() => {
      throw new Error('the gated frame did not come');
    });
    await Promise.race([gate.reached, late]);
  }

  it('an ECDSA co-signature in flight finishes during the drain; new connections and operations get SHUTTING_DOWN; exit 0', async () => {
    // A long grace, so that the checks made during the drain cannot outlast it on a loaded machine.
    await restart(['--drain-grace', '60']);
    const frames = await cosignFrames();
    const idle = await client().connect({
      mode: 'device',
      walletId: B.auth.walletId,
      signer: B.auth.deviceKey,
    });
    // The last two frames are the enclave's signature message and `done`: held from the one before them,
    // the enclave has run its part and waits for the client's last protocol message.
    const gate = new FrameGate();
    gate.arm(frames - 2);
    const payload = personal('in flight at SIGTERM');
    const signing = client(gate.factory).signEcdsa(A.auth, { share: A.ecdsa, payload });
    await reached(gate);
    const exited = terminate(enclave);
    const draining = await waitForLog(enclave, (r) => r.event === 'draining');
    expect(draining.count).toBe(1);
    const drainAt = enclave.logs.indexOf(draining);
    await expect(client().status(B.auth)).rejects.toMatchObject({ code: 'ENCLAVE_SHUTTING_DOWN' });
    await expect(idle.run('status', () => ({}))).rejects.toMatchObject({ code: 'ENCLAVE_SHUTTING_DOWN' });
    expect(running()).toBe(true);
    gate.release();
    const { signature, digest } = await signing;
    expect(secp256k1.verify(signature.bytes, digest, A.ecdsa.Q, { prehash: false })).toBe(true);
    expect(gate.frames).toBe(frames);
    expect(await exited).toBe(0);
    expect(opLogs(drainAt)).toEqual([expect.objectContaining({ op: 'signEcdsa', curve: 'secp256k1' })]);
    expect(opLogs(drainAt)[0]).not.toHaveProperty('code');
    expect(integrityCheck(dir.path)).toBe('ok');
  });

  it('stalled keygens and co-signatures are aborted after the grace: exit 0, nothing half-written, the pairs sign and refresh again after restart', async () => {
    await restart(); // the default grace (5 s)
    const frames = await cosignFrames();
    const refreshGate = new FrameGate();
    const signGate = new FrameGate();
    const createGate = new FrameGate();
    const pairsBefore = (await client().status(A.auth)).pairs;
    const storeBefore = storeSnapshot();
    // FROST refresh: accept, ready, step, round 2 (the enclave then waits for round 3), round 4, done.
    refreshGate.arm(4);
    // ECDSA co-signature: held as in the previous test, the enclave waits for the client's last message.
    signGate.arm(frames - 2);
    const refresh = client(refreshGate.factory)
      .refresh(A.auth, { frostShare: A.frost })
      .catch((e: unknown) => e);
    // A new wallet's key generation: ed25519 first, held at its round 2 as the refresh (no ECDSA work yet).
    createGate.arm(4);
    const create = client(createGate.factory)
      .createWallet({ deviceKey: newKey(), recoveryPublicKey: newKey().publicKey })
      .catch((e: unknown) => e);
    const sign = client(signGate.factory)
      .signEcdsa(A.auth, { share: A.ecdsa, payload: personal('stalled at SIGTERM') })
      .catch((e: unknown) => e);
    // And one seen on the wire: B's ed25519 co-signature on a channel this test opened by hand.
    const bare = await openRawChannel(enclave, B.auth);
    startStalledCosign(bare.seal, B.frost.pairId);
    expect(bare.session.open(await bare.raw.json(2))).toMatchObject({ t: 'step', id: 1 });
    await Promise.all([reached(refreshGate), reached(signGate), reached(createGate)]);
    expect(await terminate(enclave)).toBe(0);
    expect(enclave.logs.find((r) => r.event === 'draining')?.count).toBe(4);
    // The enclave answers an aborted operation with a sealed SHUTTING_DOWN for its id, then closes with 1001.
    const answers: Record<string, unknown>[] = [];
    for (let i = 3; !answers.some((m) => m.t === 'error'); i++)
      answers.push(bare.session.open(await bare.raw.json(i)) as Record<string, unknown>);
    expect(answers.at(-1)).toMatchObject({ t: 'error', id: 1, code: 'SHUTTING_DOWN' });
    expect(await bare.raw.closed).toBe(1001);
    // The typed clients were stalled: that answer sat unread behind the frame they still had to answer,
    // and their reply met the closed socket; the client then reads the enclave's queued refusal and reports
    // it (the service is restarting), not a lost connection.
    for (const e of [await refresh, await sign, await create]) {
      expect(e).toBeInstanceOf(EnclaveClientError);
      expect(e).toMatchObject({ code: 'ENCLAVE_SHUTTING_DOWN', detail: 'SHUTTING_DOWN' });
    }
    const aborted = opLogs(0).filter((r) => r.code === 'SHUTTING_DOWN');
    expect(aborted.map((r) => r.op).sort()).toEqual(['createWallet', 'refresh', 'signEcdsa', 'signEd25519']);
    expect(integrityCheck(dir.path)).toBe('ok');
    // No wallet, pair or status change from any of them (the new wallet would be stored with its first pair).
    expect(storeSnapshot()).toEqual(storeBefore);

    const c = await restart();
    // An aborted co-signature is not a failed final signature: the pair is not LOCKED and signs again.
    expect((await c.status(A.auth)).pairs).toEqual(pairsBefore);
    await signsEcdsa(c, A);
    const r = await c.refresh(A.auth, { frostShare: A.frost });
    await c.confirmPairs(A.auth, [r.frost!.pair.pairId]);
    const pairs = (await c.status(A.auth)).pairs;
    expect(pairs.find((p) => p.pairId === A.frost.pairId)?.status).toBe('REVOKED');
    expect(pairs.find((p) => p.pairId === r.frost!.pair.pairId)?.status).toBe('STORED_CLIENT');
    A = { ...A, frost: r.frost!.share };
    await signsEd25519(c, A);
    await signsEd25519(c, B);
    expect(await terminate(enclave)).toBe(0);
  });
});
