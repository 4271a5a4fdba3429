import { useState } from 'preact/hooks';
import type { EjectedKeys, WalletStatus } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { Countdown } from '../../components/countdown.tsx';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { SafetyNote } from '../../components/safety-note.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import type { PopupRoute } from '../popup-route.ts';
import { EjectKeys } from './eject-keys.tsx';

/** Eject: rebuild the full private keys on this device, inside the enclave's eject window, once. */
export function EjectView(props: {
  status: WalletStatus;
  onEjected: () => void;
  onRoute: (r: PopupRoute) => void;
}) {
  const [until, setUntil] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const [keys, setKeys] = useState<EjectedKeys | null>(null);
  const [hidden, setHidden] = useState(false);
  const start = useAction(async () => setUntil((await askBackground('eject.start', {})).ejectableUntil));
  const confirm = useAction(async () => {
    const k = await askBackground('eject.confirm', { password });
    setPassword('');
    setKeys(k);
    props.onEjected();
  });

  if (keys && !hidden)
    return <EjectKeys keys={keys} onHide={() => setHidden(true)} onSweep={() => props.onRoute('sweep')} />;

  if (props.status.keyExported)
    return (
      <section data-testid="eject-view">
        <h1>Key exported</h1>
        <Note kind="error" title="This wallet's keys were revealed">
          The wallet keeps working here as a single-key wallet, but anyone who saw the keys can move the
          funds. Make a new wallet elsewhere and move everything to it. The Solana key is a raw scalar that
          seed-based Solana wallets cannot import: move the SOL instead.
        </Note>
        <div class="actions">
          <button
            type="button"
            class="danger"
            data-testid="sweep-open"
            onClick={() => props.onRoute('sweep')}
          >
            Move funds (sweep)
          </button>
          <button type="button" class="secondary" onClick={() => props.onRoute('send')}>
            Send an amount
          </button>
          {!props.status.exportedKeysShown && (
            // Only while the keys never reached the screen (the eject ended with the popup closed).
            <button
              type="button"
              class="secondary"
              data-testid="exported-keys-open"
              onClick={() => props.onRoute('exported-keys')}
            >
              Show exported keys
            </button>
          )}
        </div>
      </section>
    );

  const explanation = (
    <>
      <p>
        Eject joins this device's share with the enclave's half and gives you the complete private keys, so
        you are never locked in. Afterwards the enclave erases its half: the wallet stops being two-party and
        becomes an ordinary single-key wallet on this device.
      </p>
      <Note kind="warn" title="Before you eject">
        Only eject to leave Twofold or when the enclave service is closing. The keys are shown once; whoever
        sees them owns the funds. Backups stay valid until you revoke them.
      </Note>
      <SafetyNote what="the ejected keys" />
    </>
  );

  if (until === null)
    return (
      <section data-testid="eject-view">
        <h1>Eject: take the full key</h1>
        {explanation}
        <ErrorNote error={start.error} />
        <div class="actions">
          <button
            type="button"
            class="danger"
            data-testid="eject-start"
            disabled={start.busy}
            onClick={() => void start.run()}
          >
            {start.busy ? 'Asking the enclave…' : 'Open the eject window'}
          </button>
        </div>
      </section>
    );

  // The window is open: the confirmation comes first, the explanation stays below it.
  return (
    <section data-testid="eject-view">
      <h1>Confirm the eject</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password) void confirm.run();
        }}
      >
        <p role="status">
          Eject window open: closes in <Countdown until={until} testId="eject-countdown" />.
        </p>
        <TextField
          label="Wallet password, to confirm"
          testId="eject-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          autoFocus
        />
        <ErrorNote error={confirm.error} />
        <div class="actions">
          <button
            type="submit"
            class="danger"
            data-testid="eject-confirm"
            disabled={!password || confirm.busy}
          >
            {confirm.busy ? 'Rebuilding the keys…' : 'Reveal the private keys'}
          </button>
        </div>
      </form>
      {explanation}
    </section>
  );
}
