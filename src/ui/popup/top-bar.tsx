import { NetworkSelect } from './network-select.tsx';

export function TopBar(props: {
  showWalletControls: boolean;
  onLock: () => void;
  onNetworkChanged: () => void;
}) {
  return (
    <header class="top-bar">
      <span class="brand">Twofold</span>
      {props.showWalletControls && (
        <>
          <NetworkSelect onChanged={props.onNetworkChanged} />
          <button type="button" class="secondary" data-testid="lock" onClick={props.onLock}>
            Lock
          </button>
        </>
      )}
    </header>
  );
}
