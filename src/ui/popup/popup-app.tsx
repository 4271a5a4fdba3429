import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PageRequests, WalletStatus } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { toUserError, type UserError } from '../components/use-action.ts';
import { useStatusEvents } from '../wallet-events.ts';
import { ConnectionLine } from './connection-line.tsx';
import { PopupNav } from './popup-nav.tsx';
import type { PopupRoute } from './popup-route.ts';
import { TopBar } from './top-bar.tsx';
import { UnlockedRoutes } from './unlocked-routes.tsx';
import { NoWalletView } from './views/no-wallet-view.tsx';
import { UnlockView } from './views/unlock-view.tsx';

type Connection = PageRequests['status.get']['response'];

export function PopupApp() {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [connectionError, setConnectionError] = useState<string | null>(null);
  const [status, setStatus] = useState<WalletStatus | null>(null);
  const [statusError, setStatusError] = useState<UserError | null>(null);
  const [route, setRoute] = useState<PopupRoute>('home');
  const [chainKey, setChainKey] = useState(0);

  const loadConnection = useCallback(() => {
    askBackground('status.get', {}).then(setConnection, (e: Error) => setConnectionError(e.message));
  }, []);
  const loadStatus = useCallback(() => {
    askBackground('wallet.status', {}).then(
      (s) => {
        setStatus(s);
        setStatusError(null);
      },
      (e) => setStatusError(toUserError(e)),
    );
  }, []);
  useEffect(() => {
    loadConnection();
    loadStatus();
  }, [loadConnection, loadStatus]);
  useStatusEvents(setStatus);

  const lock = async () => {
    try {
      setStatus(await askBackground('wallet.lock', {}));
      setRoute('home');
    } catch (e) {
      setStatusError(toUserError(e));
    }
  };

  const unlocked = status?.state === 'unlocked';
  return (
    <div class="popup">
      <TopBar
        showWalletControls={unlocked}
        onLock={lock}
        onNetworkChanged={() => {
          setChainKey((k) => k + 1);
          loadConnection();
        }}
      />
      <main class="popup-body">
        <ErrorNote error={statusError} />
        {!status && !statusError && <p>Loading…</p>}
        {status?.state === 'no-wallet' && <NoWalletView />}
        {status?.state === 'locked' && (
          <UnlockView
            status={status}
            onUnlocked={(s) => {
              setStatus(s);
              setRoute('home');
            }}
          />
        )}
        {unlocked && status && (
          <UnlockedRoutes
            route={route}
            status={status}
            chainKey={chainKey}
            chainId={connection?.chainId ?? 0}
            onRoute={setRoute}
            onStatusChanged={loadStatus}
          />
        )}
      </main>
      {unlocked && <PopupNav route={route} onRoute={setRoute} />}
      <ConnectionLine connection={connection} error={connectionError} />
    </div>
  );
}
