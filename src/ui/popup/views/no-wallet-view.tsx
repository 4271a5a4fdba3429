import { openExtensionTab } from '../../open-page.ts';

const openOnboarding = (hash = '') => openExtensionTab('onboarding.html', hash);

/** Fresh install: lead to the full-tab onboarding (create or restore). */
export function NoWalletView() {
  return (
    <section data-testid="no-wallet">
      <h1>Welcome to Twofold</h1>
      <p>There is no wallet on this device yet. Setting one up takes a minute in a full tab.</p>
      <div class="actions">
        <button type="button" data-testid="open-onboarding" onClick={() => openOnboarding()}>
          Create a wallet
        </button>
        <button type="button" class="secondary" onClick={() => openOnboarding('#restore')}>
          Restore from a backup file
        </button>
      </div>
    </section>
  );
}
