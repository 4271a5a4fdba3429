import type { WalletAddresses } from '../../messaging/page-messages.ts';
import { AddressLine } from '../components/address-line.tsx';

/** The new wallet's addresses, shown only once the enclave confirmed both pairs. */
export function AddressesStep({ addresses, onNext }: { addresses: WalletAddresses; onNext: () => void }) {
  return (
    <section>
      <h1>Your wallet is ready to receive</h1>
      <AddressLine label="Ethereum (EVM) address" address={addresses.evm} testId="wallet-address-evm" />
      <AddressLine label="Solana address" address={addresses.solana} testId="wallet-address-solana" />
      <p>
        Before you put funds in, make a backup: if this device is lost and you have no backup file, nobody can
        recover the wallet, not Twofold and not the enclave operator.
      </p>
      <div class="actions">
        <button type="button" data-testid="onboarding-to-backup" onClick={onNext}>
          Make the backup
        </button>
      </div>
    </section>
  );
}
