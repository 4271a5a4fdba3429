import { useEffect, useState } from 'preact/hooks';
import type { NativeBalance } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { toUserError, type UserError } from '../../components/use-action.ts';

/** The EVM address's native balance on the selected chain. */
export function BalanceLine({ refreshKey }: { refreshKey: unknown }) {
  const [balance, setBalance] = useState<NativeBalance | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  // reload when the network changes
  useEffect(() => {
    setError(null);
    askBackground('balance.get', {}).then(setBalance, (e) => setError(toUserError(e)));
  }, [refreshKey]);
  return (
    <div>
      <div class="balance" data-testid="balance">
        {balance ? `${balance.formatted} ${balance.symbol}` : error ? '—' : '…'}
      </div>
      {error && (
        <p role="status">
          <small>Balance unavailable: {error.message} Check the network's RPC URL in Settings.</small>
        </p>
      )}
    </div>
  );
}
