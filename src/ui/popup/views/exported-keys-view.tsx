import { useState } from 'preact/hooks';
import type { EjectedKeys, WalletStatus } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { SafetyNote } from '../../components/safety-note.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import type { PopupRoute } from '../popup-route.ts';
import { EjectKeys } from './eject-keys.tsx';

/**
 * After an eject whose keys never reached the screen (the worker died once they were stored, or the popup was
 * closed while the eject ran): their one showing, behind the wallet password (a wrong one counts toward the
 * unlock delay in the background). Once shown (here or on the eject page) they are never shown again.
 * The keys live only in this view's state, so any way out (hide, sweep, the nav bar, a lock, closing the
 * popup) unmounts the view and drops them; the typed password is cleared after each attempt.
 */
export function ExportedKeysView({
  status,
  onRoute,
}: {
  status: WalletStatus;
  onRoute: (r: PopupRoute) => void;
}) {
  const [password, setPassword] = useState('');
  const [keys, setKeys] = useState<EjectedKeys | null>(null);
  const show = useAction(async () => {
    try {
      setKeys(await askBackground('eject.exportedKeys', { password }));
    } finally {
      setPassword('');
    }
  });
  const leave = (r: PopupRoute) => {
    setKeys(null);
    onRoute(r);
  };

  if (keys)
    return (
      <EjectKeys
        keys={keys}
        variant="exported"
        onHide={() => leave('settings')}
        onSweep={() => leave('sweep')}
      />
    );

  return (
    <section data-testid="exported-keys-view">
      <h1>Show exported keys</h1>
      {!status.keyExported ? (
        <Note kind="info" title="No exported keys">
          This wallet was never ejected: its keys exist only as two shares, one here and one in the enclave,
          so there is no full key to show.
        </Note>
      ) : status.exportedKeysShown ? (
        <Note kind="warn" title="Already shown" testId="exported-keys-already-shown">
          The exported keys were shown once, at eject, and are not shown again. Move the funds to another
          wallet with Move funds.
          <div class="actions">
            <button type="button" class="secondary" onClick={() => leave('sweep')}>
              Move funds
            </button>
          </div>
        </Note>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (password) void show.run();
          }}
        >
          <p>
            This wallet was ejected, but its full private keys never reached your screen. They are stored on
            this device, encrypted with your password: enter it to see them, once.
          </p>
          <SafetyNote what="the exported keys" />
          <TextField
            label="Wallet password"
            testId="exported-keys-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onValue={(v) => {
              show.setError(null);
              setPassword(v);
            }}
            autoFocus
          />
          <ErrorNote error={show.error} testId="exported-keys-error" />
          <div class="actions">
            <button
              type="submit"
              class="danger"
              data-testid="exported-keys-submit"
              disabled={!password || show.busy}
            >
              {show.busy ? 'Checking the password…' : 'Show the keys'}
            </button>
            <button type="button" class="secondary" onClick={() => leave('settings')}>
              Back to Settings
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
