import type { PageRequests } from '../../messaging/page-messages.ts';

type Connection = PageRequests['status.get']['response'];

/** Network and enclave reachability, always visible at the bottom of the popup. */
export function ConnectionLine({
  connection,
  error,
}: {
  connection: Connection | null;
  error: string | null;
}) {
  return (
    <footer class="status-line">
      {error && <p role="alert">{error}</p>}
      {!connection && !error && <p>Connecting…</p>}
      {connection && (
        <dl>
          <dt>Network</dt>
          <dd data-testid="network-name">
            {connection.chainName} ({connection.chainId})
          </dd>
          <dt>Enclave</dt>
          <dd data-testid="enclave-status">
            {connection.enclave.reachable
              ? `connected (protocol v${connection.enclave.versions?.join(', v')})`
              : `unreachable: ${connection.enclave.error}`}
          </dd>
        </dl>
      )}
    </footer>
  );
}
