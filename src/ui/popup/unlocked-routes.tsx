import type { WalletStatus } from '../../messaging/page-messages.ts';
import type { PopupRoute } from './popup-route.ts';
import { BackupView } from './views/backup-view.tsx';
import { ChangePasswordView } from './views/change-password-view.tsx';
import { EjectView } from './views/eject-view.tsx';
import { ExportedKeysView } from './views/exported-keys-view.tsx';
import { HealthView } from './views/health-view.tsx';
import { HomeView } from './views/home-view.tsx';
import { SendView } from './views/send-view.tsx';
import { SettingsView } from './views/settings-view.tsx';
import { SitesView } from './views/sites-view.tsx';
import { SolanaSendView } from './views/solana-send-view.tsx';
import { SweepView } from './views/sweep-view.tsx';

/** The pages of an unlocked wallet. */
export function UnlockedRoutes(props: {
  route: PopupRoute;
  status: WalletStatus;
  chainKey: number;
  chainId: number;
  onRoute: (r: PopupRoute) => void;
  onStatusChanged: () => void;
}) {
  switch (props.route) {
    case 'home':
      return <HomeView status={props.status} chainKey={props.chainKey} onRoute={props.onRoute} />;
    case 'send':
      return <SendView key={props.chainKey} chainId={props.chainId} />;
    case 'solana-send':
      return <SolanaSendView />;
    case 'sweep':
      return <SweepView key={props.chainKey} status={props.status} chainId={props.chainId} />;
    case 'backup':
      return <BackupView />;
    case 'eject':
      return <EjectView status={props.status} onEjected={props.onStatusChanged} onRoute={props.onRoute} />;
    case 'health':
      return <HealthView onRefreshShares={props.onStatusChanged} />;
    case 'sites':
      return <SitesView />;
    case 'settings':
      return (
        <SettingsView
          keyExported={props.status.keyExported}
          exportedKeysShown={props.status.exportedKeysShown}
          onRoute={props.onRoute}
        />
      );
    case 'change-password':
      return <ChangePasswordView onRoute={props.onRoute} />;
    case 'exported-keys':
      return <ExportedKeysView status={props.status} onRoute={props.onRoute} />;
  }
}
