import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';

/** The active EVM network; changing it tells connected sites (chainChanged). */
export function NetworkSelect({ onChanged }: { onChanged: () => void }) {
  const [chains, setChains] = useState<ChainSummary[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    askBackground('chains.list', {}).then(
      (r) => {
        setChains(r.chains);
        setSelected(r.selectedChainId);
      },
      () => setFailed(true),
    );
  }, []);
  if (failed || chains.length === 0) return null;
  return (
    <select
      aria-label="Network"
      data-testid="network-select"
      value={String(selected)}
      onChange={async (e) => {
        const chainId = Number((e.currentTarget as HTMLSelectElement).value);
        try {
          const r = await askBackground('chains.select', { chainId });
          setSelected(r.selectedChainId);
          onChanged();
        } catch {
          setFailed(true);
        }
      }}
    >
      {chains.map((c) => (
        <option key={c.chainId} value={String(c.chainId)}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
