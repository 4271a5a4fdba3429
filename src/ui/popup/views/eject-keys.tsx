import type { EjectedKeys } from '../../../messaging/page-messages.ts';
import { CopyButton } from '../../components/copy-button.tsx';

/** The full keys, shown once. The ed25519 one is a raw scalar, not a seed: say so plainly. */
export function EjectKeys({
  keys,
  onHide,
  onSweep,
}: {
  keys: EjectedKeys;
  onHide: () => void;
  /** Leave for the sweep screen (this hides the keys, as closing does). */
  onSweep: () => void;
}) {
  return (
    <div data-testid="eject-keys">
      <div class="note error" role="alert">
        <strong>Shown once</strong>
        Write these down or put them in a password manager now. Closing this page hides them for good. Anyone
        who sees them can take your funds.
      </div>
      <h2>Ethereum (secp256k1) private key</h2>
      <p>
        <small>For {keys.addresses.evm}. Imports into any EVM wallet as a private key (hex).</small>
      </p>
      <div class="secret address-row">
        <span class="mono" data-testid="eject-private-key-evm">
          {keys.evmPrivateKey}
        </span>
        <CopyButton value={keys.evmPrivateKey} />
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
        <span class="mono" data-testid="eject-private-key-solana">
          {keys.solanaScalar}
        </span>
        <CopyButton value={keys.solanaScalar} />
      </div>
      <button type="button" class="secondary" data-testid="eject-sweep" onClick={onSweep}>
        Sweep to another address (hides these keys)
      </button>
      <div class="actions">
        <button type="button" data-testid="eject-hide" onClick={onHide}>
          I have stored them: hide
        </button>
      </div>
    </div>
  );
}
