import { useEffect, useState } from 'preact/hooks';
import type { SolanaClusterInfo } from '../../../chains/solana/solana-clusters.ts';
import type { SolanaBalance } from '../../../provider/solana/solana-page-api.ts';
import { askBackground } from '../../background-client.ts';
import { toUserError, type UserError } from '../../components/use-action.ts';

/** The Solana address's SOL balance on the selected cluster, and the cluster selector. */
export function SolanaBalanceLine() {
  const [clusters, setClusters] = useState<SolanaClusterInfo[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [balance, setBalance] = useState<SolanaBalance | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    askBackground('solana.clusters', {}).then(
      (r) => {
        setClusters(r.clusters);
        setSelected(r.selected);
      },
      (e) => setError(toUserError(e)),
    );
  }, []);
  // reload when the cluster changes
  useEffect(() => {
    if (!selected) return;
    setBalance(null);
    setError(null);
    askBackground('solana.balance', {}).then(setBalance, (e) => setError(toUserError(e)));
  }, [selected]);

  const name = clusters.find((c) => c.cluster === selected)?.name ?? 'Solana';
  return (
    <div data-testid="solana-balance-line">
      <div class="field">
        <span>SOL balance on {name}</span>
      </div>
      <div class="address-row">
        <span class="balance" style={{ flex: 1, minWidth: 0 }} data-testid="solana-balance">
          {balance ? `${balance.sol} SOL` : error ? '—' : '…'}
        </span>
        {clusters.length > 0 && (
          <select
            aria-label="Solana cluster"
            data-testid="solana-cluster-select"
            style={{ width: 'auto', maxWidth: '150px', flexShrink: 0 }}
            value={selected ?? ''}
            onChange={async (e) => {
              const cluster = (e.currentTarget as HTMLSelectElement).value as SolanaClusterInfo['cluster'];
              try {
                setSelected((await askBackground('solana.selectCluster', { cluster })).cluster);
              } catch (err) {
                setError(toUserError(err));
              }
            }}
          >
            {clusters.map((c) => (
              <option key={c.cluster} value={c.cluster}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && (
        <p role="status">
          <small>
            SOL balance unavailable: {error.message} Check the cluster's RPC URL, or pick another cluster.
          </small>
        </p>
      )}
    </div>
  );
}
