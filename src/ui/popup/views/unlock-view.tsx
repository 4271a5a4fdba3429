import type { WalletStatus } from '../../../messaging/page-messages.ts';
import { UnlockForm } from '../../components/unlock-form.tsx';
import { openExtensionTab } from '../../open-page.ts';

export function UnlockView({
  status,
  onUnlocked,
}: {
  status: WalletStatus;
  onUnlocked: (s: WalletStatus) => void;
}) {
  return (
    <section data-testid="unlock-view">
      <h1>Unlock</h1>
      {status.addresses && (
        <p>
          <small class="mono">{status.addresses.evm}</small>
        </p>
      )}
      <UnlockForm onUnlocked={onUnlocked} retryAfterMs={status.unlockRetryAfterMs} />
      <button type="button" class="link" onClick={() => openExtensionTab('onboarding.html', '#restore')}>
        Forgot the password? Restore from your backup file
      </button>
    </section>
  );
}
