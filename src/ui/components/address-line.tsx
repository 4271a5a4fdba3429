import { CopyButton } from './copy-button.tsx';

/** One address, selectable, with a copy button. */
export function AddressLine({ label, address, testId }: { label: string; address: string; testId: string }) {
  return (
    <div>
      <div class="field">
        <span>{label}</span>
      </div>
      <div class="address-row">
        <span class="mono" data-testid={testId}>
          {address}
        </span>
        <CopyButton value={address} label="Copy" testId={`${testId}-copy`} />
      </div>
    </div>
  );
}
