import { randomBytes } from '../common/bytes.ts';
import type { FrostSession, WireFrame } from './session.ts';

/**
 * In-memory transport for tests and the bench: pumps frames between the two state machines (through
 * JSON text, as the channel would) until neither has anything to send. `tamper` may rewrite a frame in
 * flight to play a malicious peer or network.
 */
export function runSessions(
  client: FrostSession<unknown>,
  enclave: FrostSession<unknown>,
  tamper?: (frame: WireFrame, from: 'client' | 'enclave', index: number) => WireFrame,
): void {
  const queue: { to: 'client' | 'enclave'; frame: WireFrame }[] = [];
  for (const f of enclave.start()) queue.push({ to: 'client', frame: f });
  for (const f of client.start()) queue.push({ to: 'enclave', frame: f });
  let index = 0;
  while (queue.length > 0) {
    const { to, frame } = queue.shift()!;
    const from = to === 'client' ? 'enclave' : 'client';
    const sent = tamper ? tamper(frame, from, index++) : frame;
    const wire = JSON.parse(JSON.stringify(sent)) as WireFrame;
    const target = to === 'client' ? client : enclave;
    for (const f of target.receive(wire)) queue.push({ to: from, frame: f });
  }
}

export function freshSid(): Uint8Array {
  return randomBytes(32);
}
