import { useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '../components/password-strength.ts';
import { PasswordStrengthHint } from '../components/password-strength-hint.tsx';
import { TextField } from '../components/text-field.tsx';

/** Choose the wallet password, which encrypts this device's share. */
export function CreatePasswordStep(props: { onCreate: (password: string) => void; onRestore: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm.length > 0 && confirm !== password;
  const ok = password.length >= MIN_PASSWORD_LENGTH && password === confirm;
  return (
    <section>
      <h1>Create your Twofold wallet</h1>
      <p>
        Your key is made in two halves: one stays on this device, encrypted with the password you choose now;
        the other stays in the enclave service. Neither half can sign on its own, and the full key never
        exists in one place.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) props.onCreate(password);
        }}
      >
        <TextField
          label="Wallet password"
          testId="onboarding-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          autoFocus
          hint={<PasswordStrengthHint password={password} />}
        />
        <TextField
          label="Repeat the password"
          testId="onboarding-password-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValue={setConfirm}
          hint={mismatch ? 'The two passwords differ.' : 'Nobody can reset it for you: write it down.'}
        />
        <div class="actions">
          <button type="submit" data-testid="onboarding-create" disabled={!ok}>
            Create the wallet
          </button>
          <button type="button" class="secondary" data-testid="onboarding-restore" onClick={props.onRestore}>
            Restore from a backup file
          </button>
        </div>
      </form>
    </section>
  );
}
