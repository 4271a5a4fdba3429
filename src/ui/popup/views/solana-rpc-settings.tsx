import { useEffect, useState } from 'preact/hooks';
import type { SolanaCluster, SolanaClusterInfo } from '../../../chains/solana/solana-clusters.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';

/**
 * The RPC URL of each Solana cluster (mainnet, devnet, localnet): the background checks each URL (http(s),
 * no credentials) and keeps it per cluster; only the clusters whose URL was edited are saved.
 */
export function SolanaRpcSettings() {
  const [clusters, setClusters] = useState<SolanaClusterInfo[]>([]);
  const [edited, setEdited] = useState<Partial<Record<SolanaCluster, string>>>({});
  const [saved, setSaved] = useState(false);
  const load = useAction(async () => {
    setClusters((await askBackground('solana.clusters', {})).clusters);
  });
  const save = useAction(async () => {
    let next = clusters;
    for (const [cluster, rpcUrl] of Object.entries(edited) as [SolanaCluster, string][]) {
      const info = await askBackground('solana.setRpcUrl', { cluster, rpcUrl });
      next = next.map((c) => (c.cluster === cluster ? info : c));
      setClusters(next);
      setEdited((e) => {
        const { [cluster]: _done, ...rest } = e;
        return rest;
      });
    }
    setSaved(true);
  });
  useEffect(() => {
    void load.run();
  }, []);
  if (clusters.length === 0) return <ErrorNote error={load.error} />;
  return (
    <form
      data-testid="settings-solana"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h2>Solana RPC per cluster</h2>
      {clusters.map((c) => (
        <TextField
          key={c.cluster}
          label={c.name}
          testId={`settings-solana-rpc-${c.cluster}`}
          type="url"
          value={edited[c.cluster] ?? c.rpcUrl}
          onValue={(url) => {
            setSaved(false);
            setEdited((e) => ({ ...e, [c.cluster]: url }));
          }}
        />
      ))}
      <ErrorNote error={save.error} />
      {saved && <Note kind="ok" title="Saved" />}
      <div class="actions">
        <button
          type="submit"
          class="secondary"
          data-testid="settings-solana-save"
          disabled={save.busy || Object.keys(edited).length === 0}
        >
          Save Solana RPCs
        </button>
      </div>
    </form>
  );
}
