import { useState } from 'preact/hooks';
import type { WalletStatus } from '../../messaging/page-messages.ts';
import { askBackground } from '../background-client.ts';
import { ErrorNote } from './error-note.tsx';
import { TextField } from './text-field.tsx';
import { useAction } from './use-action.ts';

/** Unlock the vault with the wallet password. */
export function UnlockForm({
  onUnlocked,
  retryAfterMs,
}: {
  onUnlocked: (s: WalletStatus) => void;
  retryAfterMs?: number;
}) {
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(async () => {
    const status = await askBackground('wallet.unlock', { password });
    setPassword('');
    onUnlocked(status);
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (password) void run();
      }}
    >
      <TextField
        label="Wallet password"
        testId="unlock-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        autoFocus
      />
      {retryAfterMs && retryAfterMs > 0 ? (
        <p role="status">
          <small>
            After several wrong passwords, wait {Math.ceil(retryAfterMs / 1000)} s before trying again.
          </small>
        </p>
      ) : null}
      <ErrorNote error={error} />
      <div class="actions">
        <button type="submit" data-testid="unlock-submit" disabled={!password || busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
