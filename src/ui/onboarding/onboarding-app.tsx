import { useCallback, useEffect, useState } from 'preact/hooks';
import type { WalletAddresses, WalletStatus } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { UnlockForm } from '../components/unlock-form.tsx';
import { toUserError, type UserError } from '../components/use-action.ts';
import { AddressesStep } from './addresses-step.tsx';
import { BackupManagePage } from './backup-manage-page.tsx';
import { BackupStep } from './backup-step.tsx';
import { CreatePasswordStep } from './create-password-step.tsx';
import { DoneStep } from './done-step.tsx';
import { GeneratingStep } from './generating-step.tsx';
import { type OnboardingStep, OnboardingSteps } from './onboarding-steps.tsx';
import { RestoreStep } from './restore-step.tsx';
import { RestoredStep } from './restored-step.tsx';

type View = OnboardingStep | 'loading' | 'restore' | 'restored' | 'unlock' | 'manage-backups';

/** Which step fits the wallet as it is now (the tab may be reopened half-way). */
function viewFor(status: WalletStatus, hash: string): View {
  if (hash === '#restore') return 'restore';
  if (status.state === 'no-wallet') return 'password';
  if (status.state === 'locked') return 'unlock';
  if (hash === '#backup') return 'manage-backups';
  return status.needsBackup ? 'backup' : 'done';
}

export function OnboardingApp() {
  const [view, setView] = useState<View>('loading');
  const [addresses, setAddresses] = useState<WalletAddresses | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [backedUp, setBackedUp] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const status = await askBackground('wallet.status', {});
      if (status.addresses) setAddresses(status.addresses);
      setBackedUp(!status.needsBackup);
      setView(viewFor(status, location.hash));
    } catch (e) {
      setError(toUserError(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (password: string) => {
    setError(null);
    setView('generating');
    try {
      setAddresses(await askBackground('wallet.generate', { password }));
      setView('addresses');
    } catch (e) {
      setError(toUserError(e));
      setView('password');
    }
  };

  const stepForList: OnboardingStep =
    view === 'loading' ||
    view === 'restore' ||
    view === 'restored' ||
    view === 'unlock' ||
    view === 'manage-backups'
      ? 'password'
      : view;

  return (
    <main class="tab-page">
      <p class="brand">Twofold</p>
      {view !== 'restore' && view !== 'restored' && view !== 'unlock' && (
        <OnboardingSteps current={stepForList} />
      )}
      <ErrorNote error={error} />
      {view === 'loading' && !error && <p>Loading…</p>}
      {view === 'loading' && error && (
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      )}
      {view === 'password' && <CreatePasswordStep onCreate={create} onRestore={() => setView('restore')} />}
      {view === 'generating' && <GeneratingStep />}
      {view === 'addresses' && addresses && (
        <AddressesStep addresses={addresses} onNext={() => setView('backup')} />
      )}
      {view === 'backup' && (
        <BackupStep
          onDone={() => {
            setBackedUp(true);
            setView('done');
          }}
          onSkip={() => setView('done')}
        />
      )}
      {view === 'done' && <DoneStep backedUp={backedUp} />}
      {view === 'restore' && (
        <RestoreStep
          onRestored={(a) => {
            setAddresses(a);
            setBackedUp(true);
            setView('restored');
          }}
          onBack={() => {
            history.replaceState(null, '', location.pathname);
            void load();
          }}
        />
      )}
      {view === 'restored' && addresses && <RestoredStep addresses={addresses} />}
      {view === 'manage-backups' && <BackupManagePage />}
      {view === 'unlock' && (
        <section>
          <h1>Unlock to continue</h1>
          <p>A wallet already exists on this device. Unlock it to finish setting it up.</p>
          <UnlockForm onUnlocked={() => void load()} />
          <button type="button" class="link" onClick={() => setView('restore')}>
            Forgot the password? Restore from your backup file
          </button>
        </section>
      )}
    </main>
  );
}
