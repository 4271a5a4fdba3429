import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CreatedWallet } from '../../src/enclave/enclave-api.ts';
import type { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import { ChannelInitiator, type SecureSession } from '../../src/mpc/channel/index.ts';
import { base64urlEncode } from '../../src/mpc/common/codec.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { tempDir } from '../harness/processes.ts';
import { clientFor, newKey, startDevEnclave } from './enclave-testkit.ts';

type Answer = { kind: 'msg'; data: string } | { kind: 'close'; code: number };

/** A raw socket: send one frame, get the next answer (a message or the close). */
class Raw {
  private readonly answers: Answer[] = [];
  private waiter: ((a: Answer) => void) | undefined;
  closed = false;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => this.push({ kind: 'msg', data: d.toString() }));
    ws.on('close', (code) => {
      this.closed = true;
      this.push({ kind: 'close', code });
    });
    ws.on('error', () => {});
  }
  private push(a: Answer) {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(a);
    } else this.answers.push(a);
  }
  static async open(url: string): Promise<Raw> {
    const ws = new WebSocket(url);
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    return new Raw(ws);
  }
  next(ms = 10_000): Promise<Answer> {
    const a = this.answers.shift();
    if (a) return Promise.resolve(a);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no answer to a frame')), ms);
      this.waiter = (x) => {
        clearTimeout(t);
        resolve(x);
      };
    });
  }
  send(frame: string | Buffer, binary = false) {
    this.ws.send(frame, { binary });
  }
  close() {
    this.ws.close();
  }
}

let seed = 12345;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pick = <T>(a: readonly T[]): T => a[rnd(a.length)]!;
const randomString = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(32 + rnd(95))).join('');

function randomJson(depth = 0): unknown {
  switch (rnd(depth > 2 ? 6 : 8)) {
    case 0:
      return rnd(2) === 0 ? rnd(1e9) - 5e8 : pick([1e308, -1, 0.5, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 1:
      return randomString(rnd(40));
    case 2:
      return pick([true, false, null]);
    case 3:
      return base64urlEncode(crypto.getRandomValues(new Uint8Array(rnd(80))));
    case 4:
      return pick(['', '-', '-AA', 'AA==', '\u0000', '0x00']);
    case 5:
      return 'A'.repeat(pick([1, 43, 44, 1000, 100_000]));
    case 6:
      return Array.from({ length: rnd(5) }, () => randomJson(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rnd(5); i > 0; i--)
        o[pick(['v', 't', 'id', 'op', 'params', 'frames', 'curve', randomString(4)])] = randomJson(depth + 1);
      return o;
    }
  }
}

const TYPES = ['hello', 'ch.hello', 'ch.auth', 'ch.data', 'op', 'mpc', 'error', 'step', 'done', 'x'];
const OPS = [
  'createWallet',
  'confirmPairs',
  'signEcdsa',
  'signEd25519',
  'refresh',
  'createBackupPair',
  'recover',
  'revokePair',
  'status',
  'pairCheck',
  'eject',
  'confirmEject',
  'pedersenParams',
  'nope',
];

/** Flip, drop or retype one field of a JSON object. */
function mutate(o: Record<string, unknown>): Record<string, unknown> {
  const m = { ...o };
  const keys = Object.keys(m);
  const k = pick(keys);
  switch (rnd(6)) {
    case 0:
      delete m[k];
      break;
    case 1:
      m[k] = randomJson();
      break;
    case 2: {
      const v = m[k];
      if (typeof v === 'string' && v.length > 2) {
        const i = rnd(v.length);
        m[k] = v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1);
      } else m[k] = randomJson();
      break;
    }
    case 3:
      m[randomString(3)] = randomJson();
      break;
    case 4:
      m.v = pick([0, 2, '1', null]);
      break;
    default:
      m.t = pick(TYPES);
  }
  return m;
}

describe('enclave-sim robustness and authorisation', () => {
  let enclave: RunningEnclave;
  let client: EnclaveClient;
  const deviceA = newKey();
  const deviceB = newKey();
  let a: CreatedWallet;
  let b: CreatedWallet;
  const dir = tempDir('enclave-fuzz');

  beforeAll(async () => {
    enclave = await startDevEnclave({
      dataDir: dir.path,
      args: [
        '--connection-burst',
        '1000000',
        '--connection-frames-per-sec',
        '1000000',
        '--wallet-burst',
        '1000000',
        '--wallet-ops-per-sec',
        '1000000',
      ],
    });
    client = clientFor(enclave);
    a = await client.createWallet({ deviceKey: deviceA, recoveryPublicKey: newKey().publicKey });
    b = await client.createWallet({ deviceKey: deviceB, recoveryPublicKey: newKey().publicKey });
    await client.confirmPairs(
      { walletId: a.walletId, deviceKey: deviceA },
      a.pairs.map((p) => p.pairId),
    );
    await client.confirmPairs(
      { walletId: b.walletId, deviceKey: deviceB },
      b.pairs.map((p) => p.pairId),
    );
  });
  afterAll(async () => {
    if (enclave?.child.exitCode === null) await enclave.stop();
    dir.remove();
  });

  it('a second device key cannot sign or eject another wallet', async () => {
    const asA = { walletId: a.walletId, deviceKey: deviceB };
    const own = { walletId: b.walletId, deviceKey: deviceB };
    const m = new TextEncoder().encode('steal');
    // A's window is open (self-service, no delay in development).
    await client.requestEject({ walletId: a.walletId, deviceKey: deviceA });
    await expect(client.signEd25519(asA, { share: a.frostShare, message: m })).rejects.toMatchObject({
      code: 'ENCLAVE_AUTH_FAILED',
    });
    await expect(client.eject(asA, { frostShare: a.frostShare })).rejects.toMatchObject({
      code: 'ENCLAVE_AUTH_FAILED',
    });
    await expect(client.status({ walletId: 'w-unknown', deviceKey: deviceB })).rejects.toMatchObject({
      code: 'ENCLAVE_AUTH_FAILED',
    });
    // Through its own wallet's channel, B cannot reach A's pairs either.
    await expect(client.signEd25519(own, { share: a.frostShare, message: m })).rejects.toMatchObject({
      code: 'UNKNOWN_PAIR',
    });
    await expect(
      client.signEcdsa(own, { share: a.ecdsaShare, payload: { kind: 'personal', message: m } }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PAIR',
    });
    await client.requestEject(own);
    await expect(client.eject(own, { frostShare: a.frostShare })).rejects.toMatchObject({
      code: 'UNKNOWN_PAIR',
    });
    // B's device key is not A's recovery key.
    await expect(
      client.recover(
        { walletId: a.walletId, recoveryKey: deviceB },
        { newDevicePublicKey: deviceB.publicKey, backupFrostShare: a.frostShare },
      ),
    ).rejects.toMatchObject({ code: 'ENCLAVE_AUTH_FAILED' });
    // A still signs.
    const sig = await client.signEd25519(
      { walletId: a.walletId, deviceKey: deviceA },
      { share: a.frostShare, message: m },
    );
    expect(ed25519.verify(sig.signature, m, a.frostShare.groupKey, { zip215: false })).toBe(true);
  });

  it('answers >= 5,000 random and mutated frames with structured errors or a clean close, and keeps running', async () => {
    let sent = 0;
    let structured = 0;
    let closes = 0;
    const check = (ans: Answer, session?: SecureSession) => {
      if (ans.kind === 'close') {
        closes++;
        expect([1000, 1001, 1005, 1006, 1008, 1009]).toContain(ans.code);
        return;
      }
      const m = JSON.parse(ans.data) as Record<string, unknown>;
      expect(m.v).toBe(1);
      if (m.t === 'ch.data' && session) {
        const inner = session.open(m) as Record<string, unknown>;
        expect(['error', 'step', 'done', 'mpc']).toContain(inner.t);
        if (inner.t === 'error') expect(typeof inner.code).toBe('string');
      } else expect(['error', 'hello', 'ch.accept', 'ch.data']).toContain(m.t);
      if (m.t === 'error') expect(m.code).toMatch(/^[A-Z_]+$/);
      structured++;
    };

    // 1. Clear frames before any channel: random bytes, random JSON, huge and binary frames.
    let raw = await Raw.open(enclave.url);
    for (let i = 0; i < 2000; i++) {
      if (raw.closed) raw = await Raw.open(enclave.url);
      const kind = rnd(10);
      if (kind === 0) raw.send(Buffer.from(crypto.getRandomValues(new Uint8Array(rnd(200)))), true);
      else if (kind === 1) raw.send(randomString(rnd(300)));
      else if (kind === 2) raw.send(JSON.stringify(randomJson()));
      else raw.send(JSON.stringify(mutate({ v: 1, t: pick(TYPES), ...(randomJson() as object) })));
      sent++;
      check(await raw.next());
    }
    raw.close();

    // 2. Mutated handshake frames.
    for (let i = 0; i < 800; i++) {
      const r = await Raw.open(enclave.url);
      const init = new ChannelInitiator({
        pinnedIdentityKey: Buffer.from(enclave.identityKey, 'hex'),
        mode: 'device',
        walletId: a.walletId,
        signer: i % 3 === 0 ? deviceB : deviceA,
      });
      const hello = init.start();
      if (i % 2 === 0) {
        r.send(JSON.stringify(mutate(hello)));
        sent++;
        check(await r.next());
      } else {
        r.send(JSON.stringify(hello));
        const accept = JSON.parse(((await r.next()) as { data: string }).data);
        const { auth } = init.receive(accept);
        r.send(JSON.stringify(i % 5 === 1 ? auth : mutate(auth)));
        sent++;
        check(await r.next());
      }
      r.close();
    }

    // 3. Inside an authenticated channel: mutated operations, protocol frames out of order, replays, tampering.
    const open = async () => {
      const r = await Raw.open(enclave.url);
      const init = new ChannelInitiator({
        pinnedIdentityKey: Buffer.from(enclave.identityKey, 'hex'),
        mode: 'device',
        walletId: a.walletId,
        signer: deviceA,
      });
      r.send(JSON.stringify(init.start()));
      const { auth, session } = init.receive(JSON.parse(((await r.next()) as { data: string }).data));
      r.send(JSON.stringify(auth));
      session.open(JSON.parse(((await r.next()) as { data: string }).data));
      return { r, session, last: undefined as unknown };
    };
    let ch = await open();
    // Mostly unknown ids; real ones now and then (an ECDSA refresh on a real pair makes a Paillier key).
    const pairIds = [
      ...a.pairs.map((p) => p.pairId),
      ...b.pairs.map((p) => p.pairId),
      ...Array.from({ length: 36 }, (_, i) => `p-unknown-${i}`),
    ];
    for (let i = 0; i < 2300; i++) {
      if (ch.r.closed) ch = await open();
      const kind = rnd(12);
      let frame: unknown;
      if (kind === 0 && ch.last)
        frame = ch.last; // replay
      else {
        const inner =
          kind < 7
            ? mutate({
                v: 1,
                t: 'op',
                id: rnd(5),
                op: pick(OPS),
                params: {
                  pairId: pick(pairIds),
                  pairIds: [pick(pairIds)],
                  curve: pick(['ed25519', 'secp256k1', 'x']),
                  contribution: base64urlEncode(crypto.getRandomValues(new Uint8Array(pick([16, 15, 17])))),
                  payload: {
                    kind: pick(['personal', 'digest', 'typedData', 'transaction']),
                    message: 'AA',
                    json: '{}',
                    serialized: '0x00',
                  },
                },
              })
            : mutate({
                v: 1,
                t: 'mpc',
                id: rnd(5),
                curve: pick(['ed25519', 'secp256k1']),
                frames: [randomJson(), { v: 1, t: pick(['frost.sign.1', 'ecdsa.sign.2']), sid: 'AA' }],
              });
        frame = ch.session.seal(inner);
        if (kind === 1) frame = mutate(frame as Record<string, unknown>); // tampered
        ch.last = frame;
      }
      ch.r.send(JSON.stringify(frame));
      sent++;
      check(await ch.r.next(35_000), ch.session);
    }
    ch.r.close();

    expect(sent).toBeGreaterThanOrEqual(5000);
    expect(structured + closes).toBe(sent);
    // Still serving.
    const st = await client.status({ walletId: a.walletId, deviceKey: deviceA });
    expect(st.pairs.length).toBeGreaterThan(0);
    expect(enclave.child.exitCode).toBeNull();
  });

  it('shuts down cleanly and leaves an intact database', async () => {
    expect(await enclave.stop()).toBe(0);
    const db = new Database(path.join(enclave.dataDir, 'enclave.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
