import type { WalletAddresses } from '../../messaging/page-messages.ts';
import { AddressLine } from '../components/address-line.tsx';
import { FinishActions } from './finish-actions.tsx';

/** After a restore: the same addresses as before, and what changed. */
export function RestoredStep({ addresses }: { addresses: WalletAddresses }) {
  return (
    <section data-testid="restore-done">
      <h1>Wallet restored</h1>
      <AddressLine label="Ethereum (EVM) address" address={addresses.evm} testId="wallet-address-evm" />
      <AddressLine label="Solana address" address={addresses.solana} testId="wallet-address-solana" />
      <p>
        This device now holds a fresh share of the same key. Your backup file still works; keep it safe. Any
        other device that had this wallet can no longer sign.
      </p>
      <FinishActions />
    </section>
  );
}
