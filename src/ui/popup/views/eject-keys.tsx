import { useEffect } from 'preact/hooks';
import type { EjectedKeys } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { CopyButton } from '../../components/copy-button.tsx';

// 'eject': right after the eject (SPEC §9 ids); 'exported': the one showing of keys whose eject never
// reached the screen (the worker died or the popup was closed while it ran), behind the password.
const IDS = {
  eject: {
    root: 'eject-keys',
    evm: 'eject-private-key-evm',
    solana: 'eject-private-key-solana',
    sweep: 'eject-sweep',
    hide: 'eject-hide',
  },
  exported: {
    root: 'exported-keys',
    evm: 'exported-keys-secp256k1',
    solana: 'exported-keys-ed25519',
    sweep: 'exported-keys-sweep',
    hide: 'exported-keys-hide',
  },
} as const;

/**
 * The full keys, shown once (SPEC §4.7). Once they are on screen the background is told (`eject.keysShown`),
 * so they are never shown again. The ed25519 one is a raw scalar, not a seed: say so plainly.
 */
export function EjectKeys({
  keys,
  onHide,
  onSweep,
  variant = 'eject',
}: {
  keys: EjectedKeys;
  onHide: () => void;
  /** Leave for the sweep screen (this hides the keys, as closing does). */
  onSweep: () => void;
  variant?: 'eject' | 'exported';
}) {
  const ids = IDS[variant];
  // Effects run after the render reached the screen. If the confirmation is lost, Settings still offers the
  // one showing (as after a popup closed mid-eject): nothing to report over the keys.
  useEffect(() => {
    askBackground('eject.keysShown', {}).catch(() => undefined);
  }, []);
  return (
    <div data-testid={ids.root}>
      {variant === 'eject' ? (
        <div class="note error" role="alert">
          <strong>Shown once</strong>
          Write these down or put them in a password manager now. Closing this page hides them for good.
          Anyone who sees them can take your funds.
        </div>
      ) : (
        <div class="note error" role="alert">
          <strong>Shown once</strong>
          The eject stored these keys but they never reached your screen; this is their one showing. Write
          them down or put them in a password manager now: closing this page hides them for good. Anyone who
          sees them can take your funds.
        </div>
      )}
      <h2>Ethereum (secp256k1) private key</h2>
      <p>
        <small>For {keys.addresses.evm}. Imports into any EVM wallet as a private key (hex).</small>
      </p>
      <div class="secret address-row">
        <span class="mono" data-testid={ids.evm}>
          {keys.evmPrivateKey}
        </span>
        <CopyButton value={keys.evmPrivateKey} testId={`${ids.evm}-copy`} />
      </div>
      <h2>Solana (ed25519) signing scalar</h2>
      <p>
        <small>
          For {keys.addresses.solana}. This is a raw scalar in hex, not a seed: seed-based Solana wallets
          (Phantom, Solflare, solana-keygen) cannot import it. Sweep the SOL to an address of another wallet
          instead: this wallet keeps signing with the exported key.
        </small>
      </p>
      <div class="secret address-row">
        <span class="mono" data-testid={ids.solana}>
          {keys.solanaScalar}
        </span>
        <CopyButton value={keys.solanaScalar} testId={`${ids.solana}-copy`} />
      </div>
      <button type="button" class="secondary" data-testid={ids.sweep} onClick={onSweep}>
        Sweep to another address (hides these keys)
      </button>
      <div class="actions">
        <button type="button" data-testid={ids.hide} onClick={onHide}>
          {variant === 'eject' ? 'I have stored them: hide' : 'Hide the keys'}
        </button>
      </div>
    </div>
  );
}
