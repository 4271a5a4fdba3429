import type { EnclaveStatus } from '../messaging/page-messages.ts';
import { enclaveHello, type WebSocketFactory } from './enclave-hello.ts';

/** Probe the enclave: reachable, the versions it speaks, or a user-facing reason why not. */
export async function probeEnclave(
  url: string,
  opts: { pinnedIdentityKey?: string; webSocket?: WebSocketFactory } = {},
): Promise<EnclaveStatus> {
  try {
    const hello = await enclaveHello(url, opts);
    return { reachable: true, url, service: hello.service, versions: hello.versions };
  } catch (e) {
    return { reachable: false, url, error: (e as Error).message };
  }
}
