import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { enclaveHello, type WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import { type RunningEnclave, startEnclave } from '../harness/enclave.ts';

const wsFactory: WebSocketFactory = (url) => new WebSocket(url) as never;

/** Send one raw frame on a fresh socket and return the parsed answer. */
async function exchange(
  url: string,
  frame: string | Buffer,
  binary = false,
): Promise<Record<string, unknown>> {
  const ws = new WebSocket(url);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const answer = new Promise<Record<string, unknown>>((resolve) =>
    ws.once('message', (d) => resolve(JSON.parse(d.toString()))),
  );
  ws.send(frame, { binary });
  const a = await answer;
  ws.close();
  return a;
}

describe('enclave-sim process: versioned hello and robustness', () => {
  let enclave: RunningEnclave;
  beforeAll(async () => {
    enclave = await startEnclave();
  });
  afterAll(async () => {
    await enclave?.stop();
  });

  it('answers a versioned hello with its identity key', async () => {
    const hello = await enclaveHello(enclave.url, {
      webSocket: wsFactory,
      pinnedIdentityKey: enclave.identityKey,
    });
    expect(hello.service).toBe('twofold-enclave-sim');
    expect(hello.versions).toEqual([1]);
    expect(hello.identityKey).toBe(enclave.identityKey);
  });

  it('is refused by a client pinned to another identity', async () => {
    await expect(
      enclaveHello(enclave.url, { webSocket: wsFactory, pinnedIdentityKey: 'ab'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'ENCLAVE_IDENTITY_MISMATCH' });
  });

  it('answers malformed frames with structured errors and keeps running', async () => {
    const cases: [string | Buffer, boolean, string][] = [
      ['not json', false, 'MALFORMED_FRAME'],
      ['[1,2,3]', false, 'MALFORMED_FRAME'],
      ['{"v":2,"t":"hello"}', false, 'UNSUPPORTED_VERSION'],
      ['{"v":1,"t":"nope"}', false, 'UNKNOWN_MESSAGE'],
      [Buffer.from([1, 2, 3]), true, 'MALFORMED_FRAME'],
      ['null', false, 'MALFORMED_FRAME'],
    ];
    for (const [frame, binary, code] of cases) {
      const a = await exchange(enclave.url, frame, binary);
      expect(a).toMatchObject({ v: 1, t: 'error', code });
      expect(typeof a.message).toBe('string');
    }
    // An oversized frame closes that socket only.
    const big = new WebSocket(enclave.url);
    await new Promise((r) => big.once('open', r));
    const closed = new Promise<number>((r) => big.once('close', (code) => r(code)));
    big.send('x'.repeat(1024 * 1024));
    expect(await closed).toBe(1009);
    const hello = await enclaveHello(enclave.url, { webSocket: wsFactory });
    expect(hello.versions).toEqual([1]);
  });

  it('shuts down cleanly on SIGTERM (exit code 0)', async () => {
    const other = await startEnclave();
    expect(await other.stop()).toBe(0);
    expect(other.logs.some((l) => l.event === 'shutdown')).toBe(true);
  });
});
