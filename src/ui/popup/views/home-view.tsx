import { useEffect, useState } from 'preact/hooks';
import type { HealthReport, WalletStatus } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { AddressLine } from '../../components/address-line.tsx';
import type { PopupRoute } from '../popup-route.ts';
import { BalanceLine } from './balance-line.tsx';
import { SolanaBalanceLine } from './solana-balance-line.tsx';
import { StatusWarnings } from './status-warnings.tsx';

export function HomeView(props: {
  status: WalletStatus;
  chainKey: unknown;
  onRoute: (r: PopupRoute) => void;
}) {
  const { status } = props;
  const [health, setHealth] = useState<HealthReport | null>(null);
  useEffect(() => {
    // A quiet check on open; failures to run it show on the Health page, not here.
    askBackground('health.check', {}).then(setHealth, () => {});
  }, []);
  return (
    <section data-testid="home-view">
      <StatusWarnings status={status} health={health} onRoute={props.onRoute} />
      <BalanceLine refreshKey={props.chainKey} />
      {status.addresses && (
        <>
          <AddressLine
            label="Ethereum (EVM) address"
            address={status.addresses.evm}
            testId="wallet-address-evm"
          />
          <AddressLine
            label="Solana address"
            address={status.addresses.solana}
            testId="wallet-address-solana"
          />
          <SolanaBalanceLine />
        </>
      )}
      <div class="actions">
        <button type="button" data-testid="home-send" onClick={() => props.onRoute('send')}>
          Send
        </button>
        <button type="button" data-testid="home-send-sol" onClick={() => props.onRoute('solana-send')}>
          Send SOL
        </button>
        {/* With the key exported the warning above offers it prominently instead. */}
        {!status.keyExported && (
          <button
            type="button"
            class="secondary"
            data-testid="home-sweep"
            onClick={() => props.onRoute('sweep')}
          >
            Move all funds
          </button>
        )}
      </div>
    </section>
  );
}
