import { useEffect, useState } from 'preact/hooks';
import type { PageRequests } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';

type Status = PageRequests['status.get']['response'];

export function PopupApp() {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    askBackground('status.get', {}).then(setStatus, (e: Error) => setError(e.message));
  }, []);

  return (
    <main class="popup">
      <h1>Twofold</h1>
      {error && <p role="alert">{error}</p>}
      {!status && !error && <p>Connecting…</p>}
      {status && (
        <dl>
          <dt>Network</dt>
          <dd data-testid="network-name">
            {status.chainName} ({status.chainId})
          </dd>
          <dt>Enclave</dt>
          <dd data-testid="enclave-status">
            {status.enclave.reachable
              ? `connected (protocol v${status.enclave.versions?.join(', v')})`
              : `unreachable: ${status.enclave.error}`}
          </dd>
        </dl>
      )}
    </main>
  );
}
