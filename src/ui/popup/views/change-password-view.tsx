import { useState } from 'preact/hooks';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { PasswordStrengthHint } from '../../components/password-strength-hint.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import type { PopupRoute } from '../popup-route.ts';
import { changePasswordProblem } from './change-password-input.ts';

/**
 * Settings → change the wallet password. The background checks the current password (a wrong one counts
 * toward the unlock delay) and re-wraps this device's share key in one step; the wallet stays unlocked.
 */
export function ChangePasswordView({ onRoute }: { onRoute: (r: PopupRoute) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  // Problems show after the first submit, then follow the typing so a fix makes them go away.
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const problem = changePasswordProblem({ current, next, confirm });
  const change = useAction(async () => {
    try {
      await askBackground('wallet.changePassword', { oldPassword: current, newPassword: next });
    } catch (e) {
      // Refused by the background: its error says why. Clear the current password for the next try and
      // keep the new ones; the page's own checks wait for the next submit.
      setCurrent('');
      setTried(false);
      throw e;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setTried(false);
    setDone(true);
  });
  const edit = (set: (v: string) => void) => (v: string) => {
    setDone(false);
    change.setError(null);
    set(v);
  };
  const mismatch = confirm.length > 0 && confirm.normalize('NFKC') !== next.normalize('NFKC');

  return (
    <section data-testid="change-password-view">
      <h1>Change password</h1>
      <p>
        The wallet password encrypts this device's key share. Changing it keeps your addresses, keys and
        backups as they are; backup files keep their own backup password.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!problem) void change.run();
        }}
      >
        <TextField
          label="Current password"
          testId="change-password-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={edit(setCurrent)}
          autoFocus
        />
        <TextField
          label="New password"
          testId="change-password-new"
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={edit(setNext)}
          hint={<PasswordStrengthHint password={next} />}
        />
        <TextField
          label="Repeat the new password"
          testId="change-password-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValue={edit(setConfirm)}
          hint={mismatch ? 'The two new passwords differ.' : 'Nobody can reset it for you: write it down.'}
        />
        {tried && problem && (
          <Note kind="error" title="Not changed yet" testId="change-password-problem">
            {problem}
          </Note>
        )}
        <ErrorNote error={change.error} testId="change-password-error" />
        {change.error && (
          <p role="status">
            <small>Your password was not changed.</small>
          </p>
        )}
        {done && (
          <Note kind="ok" title="Password changed" testId="change-password-done">
            Use the new password from now on to unlock this wallet. The wallet stays unlocked.
          </Note>
        )}
        <div class="actions">
          <button type="submit" data-testid="change-password-submit" disabled={change.busy}>
            {change.busy ? 'Changing…' : 'Change password'}
          </button>
          <button
            type="button"
            class="secondary"
            data-testid="change-password-back"
            onClick={() => onRoute('settings')}
          >
            Back to Settings
          </button>
        </div>
      </form>
    </section>
  );
}
