import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import { EnclaveClientError } from '../../src/enclave/enclave-errors.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { newKey, RawSocket, startDevEnclave, terminate, wsFactory } from './enclave-testkit.ts';

/**
 * The per-address connection cap (`--max-connections-per-ip`) against the real enclave-sim process. On
 * loopback every client is 127.0.0.1, so the cap is one address's; enclave-sim/server-limits.test.ts shows
 * several addresses (and the total cap) with an injected remote-address function.
 */
const HELLO = JSON.stringify({ v: 1, t: 'hello' });
let enclave: RunningEnclave;

beforeAll(async () => {
  enclave = await startDevEnclave({ args: ['--max-connections-per-ip', '2'] });
});

afterAll(async () => {
  if (enclave) expect(await terminate(enclave)).toBe(0);
});

/** A raw socket that the service counted and serves (it answered a hello). */
async function held(): Promise<{ raw: RawSocket; hello: () => Promise<Record<string, unknown>> }> {
  const raw = await RawSocket.open(enclave.url);
  let n = 0;
  const hello = async () => {
    raw.ws.send(HELLO);
    return raw.json(n++);
  };
  expect(await hello()).toMatchObject({ t: 'hello', identityKey: enclave.identityKey });
  return { raw, hello };
}

/**
 * A socket the service refuses: every frame it got and its close code. Listens from the start (the refusal
 * can come in the same read as the upgrade answer, before an `open` listener's continuation runs).
 */
function refusedSocket(): Promise<{ frames: string[]; code: number }> {
  const ws = new WebSocket(enclave.url);
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(d.toString()));
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code) => resolve({ frames, code }));
  });
}

function client(): EnclaveClient {
  return new EnclaveClient({
    url: enclave.url,
    identityKey: enclave.identityKey,
    webSocket: wsFactory,
    timeoutMs: 30_000,
  });
}

/** A registration channel from a typed client: opened, or the typed error why not. */
async function tryConnect(): Promise<unknown> {
  try {
    const s = await client().connect({ mode: 'register', signer: newKey() });
    s.close();
    return 'connected';
  } catch (e) {
    return e;
  }
}

describe('enclave-sim connection cap per address (real process)', () => {
  it('the third connection from one address is refused (RATE_LIMITED, close 1013); the two held ones keep working; a freed slot is reusable', async () => {
    const a = await held();
    const b = await held();
    // A bare socket: the refusal is a clear error frame, then the close code "Try Again Later".
    const third = await refusedSocket();
    expect(third.frames).toHaveLength(1);
    expect(JSON.parse(third.frames[0]!)).toMatchObject({
      v: 1,
      t: 'error',
      code: 'RATE_LIMITED',
      detail: 'TOO_MANY_CONNECTIONS_FROM_ADDRESS',
    });
    expect(third.code).toBe(1013);
    // The extension's client reports it typed, with a message the user can act on.
    const refused = await tryConnect();
    expect(refused).toBeInstanceOf(EnclaveClientError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', detail: 'TOO_MANY_CONNECTIONS_FROM_ADDRESS' });
    expect((refused as EnclaveClientError).userMessage).toMatch(/too many requests/i);
    // The held connections are served as before.
    expect(await a.hello()).toMatchObject({ t: 'hello' });
    expect(await b.hello()).toMatchObject({ t: 'hello' });
    // Closing one frees its slot. The service counts the close when its side of the socket has closed,
    // a moment after ours: wait for that (bounded), then a typed client's channel opens.
    a.raw.ws.close();
    await a.raw.closed;
    let outcome: unknown;
    for (const until = Date.now() + 15_000; Date.now() < until; ) {
      outcome = await tryConnect();
      if (outcome === 'connected') break;
      expect(outcome).toMatchObject({ code: 'RATE_LIMITED' });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(outcome).toBe('connected');
    expect(await b.hello()).toMatchObject({ t: 'hello' });
    // The log has the refusals counted, never the address.
    // (The `listening` line names the service's own URL; no other line holds an address.)
    expect(enclave.logs.some((r) => r.event === 'connections_refused')).toBe(true);
    const logText = JSON.stringify(enclave.logs.filter((r) => r.event !== 'listening'));
    expect(logText).not.toContain('127.0.0.1');
    b.raw.ws.close();
    await b.raw.closed;
  });
});
