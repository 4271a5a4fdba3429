import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary, WalletSettings } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import type { PopupRoute } from '../popup-route.ts';
import { SolanaRpcSettings } from './solana-rpc-settings.tsx';

/**
 * Enclave URL, RPC URL per chain and per Solana cluster, auto-lock minutes, the way to the password change
 * and, after an eject whose keys never reached the screen, to their one showing. The wallet's enclave
 * identity pin never changes here.
 */
export function SettingsView({
  keyExported = false,
  exportedKeysShown = false,
  onRoute,
}: {
  keyExported?: boolean;
  /** The exported keys were displayed once (SPEC §4.7): no entry any more. */
  exportedKeysShown?: boolean;
  onRoute: (r: PopupRoute) => void;
}) {
  const [settings, setSettings] = useState<WalletSettings | null>(null);
  const [chains, setChains] = useState<ChainSummary[]>([]);
  const [saved, setSaved] = useState(false);
  const load = useAction(async () => {
    setSettings(await askBackground('settings.get', {}));
    setChains((await askBackground('chains.list', {}).catch(() => ({ chains: [] }))).chains);
  });
  const save = useAction(async (s: WalletSettings) => {
    setSettings(await askBackground('settings.set', s));
    setSaved(true);
  });
  // load once
  useEffect(() => {
    void load.run();
  }, []);
  const edit = (patch: Partial<WalletSettings>) => {
    setSaved(false);
    setSettings((s) => (s ? { ...s, ...patch } : s));
  };
  return (
    <section data-testid="settings-view">
      <h1>Settings</h1>
      <h2>Wallet password</h2>
      <p>The password that unlocks this wallet on this device.</p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          data-testid="settings-change-password"
          onClick={() => onRoute('change-password')}
        >
          Change password
        </button>
      </div>
      {keyExported && !exportedKeysShown && (
        <>
          <h2>Exported keys</h2>
          <p>
            This wallet was ejected, but its full private keys never reached your screen. They can be shown
            once, behind your password.
          </p>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-testid="exported-keys-open"
              onClick={() => onRoute('exported-keys')}
            >
              Show exported keys
            </button>
          </div>
        </>
      )}
      <ErrorNote error={load.error} />
      {settings && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(settings);
          }}
        >
          <h2>Enclave and auto-lock</h2>
          <TextField
            label="Enclave URL"
            testId="settings-enclave-url"
            type="url"
            value={settings.enclaveUrl}
            onValue={(enclaveUrl) => edit({ enclaveUrl })}
            hint="The enclave must still prove the identity this wallet was created with; a different one is refused."
          />
          <TextField
            label="Auto-lock after (minutes)"
            testId="settings-auto-lock"
            type="number"
            inputMode="numeric"
            value={String(settings.autoLockMinutes)}
            onValue={(v) => edit({ autoLockMinutes: Number(v) })}
          />
          <h2>RPC per network</h2>
          {chains.map((c) => (
            <TextField
              key={c.chainId}
              label={`${c.name} (${c.chainId})`}
              testId={`settings-rpc-${c.chainId}`}
              type="url"
              value={settings.rpcUrls[String(c.chainId)] ?? c.rpcUrl}
              onValue={(url) => edit({ rpcUrls: { ...settings.rpcUrls, [String(c.chainId)]: url } })}
            />
          ))}
          <ErrorNote error={save.error} />
          {saved && <Note kind="ok" title="Saved" />}
          <div class="actions">
            <button type="submit" data-testid="settings-save" disabled={save.busy}>
              Save
            </button>
          </div>
        </form>
      )}
      <SolanaRpcSettings />
    </section>
  );
}
