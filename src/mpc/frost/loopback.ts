import { randomBytes } from '../common/bytes.ts';
import type { FrostSession, WireFrame } from './session.ts';

/**
 * In-memory transport for tests, the bench and in-process use: pumps frames between the two state machines
 * through JSON text, as a channel would, until neither has anything to send. `tamper` may rewrite a frame
 * in flight (tests play a malicious peer or network with it). Returns the number of bytes exchanged.
 */
export type Tamper = (frame: WireFrame, from: 'client' | 'enclave', index: number) => WireFrame;

export function runSessions(
  client: FrostSession<unknown>,
  enclave: FrostSession<unknown>,
  tamper?: Tamper,
): number {
  const queue: { to: 'client' | 'enclave'; frame: WireFrame }[] = [];
  for (const f of enclave.start()) queue.push({ to: 'client', frame: f });
  for (const f of client.start()) queue.push({ to: 'enclave', frame: f });
  let index = 0;
  let bytes = 0;
  while (queue.length > 0) {
    const { to, frame } = queue.shift()!;
    const from = to === 'client' ? 'enclave' : 'client';
    const sent = tamper ? tamper(structuredClone(frame), from, index++) : frame;
    const text = JSON.stringify(sent);
    bytes += text.length;
    const target = to === 'client' ? client : enclave;
    for (const f of target.receive(JSON.parse(text))) queue.push({ to: from, frame: f });
  }
  return bytes;
}

export function freshSid(): Uint8Array {
  return randomBytes(32);
}
