import { afterAll, describe, expect, it } from 'vitest';
import { EnclaveClient } from '../../src/enclave/enclave-client.ts';
import { EnclaveClientError } from '../../src/enclave/enclave-errors.ts';
import type { WebSocketFactory } from '../../src/enclave/enclave-hello.ts';
import type { RunningEnclave } from '../harness/enclave.ts';
import { tempDir } from '../harness/processes.ts';
import { FrameGate, newKey, startDevEnclave, terminate, waitForLog, wsFactory } from './enclave-testkit.ts';

/**
 * What the extension's client reports when the service drains on SIGTERM (README: running operations get
 * the drain grace, then are aborted with SHUTTING_DOWN and the sockets close with 1001): the service's own
 * code, ENCLAVE_SHUTTING_DOWN with "restarting, try again", never ENCLAVE_UNREACHABLE. Short grace (0.2 s).
 */
const dir = tempDir('enclave-drain-client');
let enclave: RunningEnclave | undefined;

afterAll(async () => {
  if (enclave && enclave.child.exitCode === null && enclave.child.signalCode === null)
    await terminate(enclave);
  dir.remove();
});

function client(factory: WebSocketFactory = wsFactory): EnclaveClient {
  return new EnclaveClient({
    url: enclave!.url,
    identityKey: enclave!.identityKey,
    webSocket: factory,
    timeoutMs: 60_000,
  });
}

function expectRestarting(e: unknown, detail: string): void {
  expect(e).toBeInstanceOf(EnclaveClientError);
  expect(e).toMatchObject({ code: 'ENCLAVE_SHUTTING_DOWN', detail });
  expect((e as EnclaveClientError).message).toMatch(/restarting.*try again/i);
  expect((e as EnclaveClientError).userMessage).toMatch(/restarting.*try again/i);
}

describe('enclave client during a drain (real process, --drain-grace 0.2)', () => {
  it('an operation aborted mid-protocol reports ENCLAVE_SHUTTING_DOWN; an idle channel closed by the drain too', async () => {
    enclave = await startDevEnclave({ dataDir: dir.path, args: ['--drain-grace', '0.2'] });
    // A new wallet's key generation, held at its ed25519 round 2 (frame 4): the enclave waits for the
    // client's round 3 while the client "computes" (its frames are held). The enclave aborts it after the
    // grace, sends a sealed SHUTTING_DOWN for it and closes; the client then meets the closed socket with
    // its reply, and must still report the enclave's code, which sits unread in its queue.
    const gate = new FrameGate();
    gate.arm(4);
    const create = client(gate.factory)
      .createWallet({ deviceKey: newKey(), recoveryPublicKey: newKey().publicKey })
      .catch((e: unknown) => e);
    await Promise.race([
      gate.reached,
      new Promise((_, j) => setTimeout(() => j(new Error('the gated frame did not come')), 30_000)),
    ]);
    // An idle channel of another client: the drain closes it with 1001 (no operation runs on it).
    const idle = await client().connect({ mode: 'register', signer: newKey() });
    const exited = terminate(enclave);
    await waitForLog(enclave, (r) => r.event === 'draining');
    expect(await exited).toBe(0);
    expectRestarting(await create, 'SHUTTING_DOWN');
    expect(
      enclave.logs.some((r) => r.event === 'op' && r.op === 'createWallet' && r.code === 'SHUTTING_DOWN'),
    ).toBe(true);
    // Using the idle channel after the drain closed it: the close code says why.
    const e = await idle.run('status', () => ({})).catch((x: unknown) => x);
    expectRestarting(e, 'CONNECTION_CLOSED_GOING_AWAY');
  });
});
