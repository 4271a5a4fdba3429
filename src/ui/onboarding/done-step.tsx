import { FinishActions } from './finish-actions.tsx';

export function DoneStep({ backedUp }: { backedUp: boolean }) {
  return (
    <section data-testid="onboarding-done">
      <h1>All set</h1>
      <p>
        Open Twofold from the browser toolbar (the puzzle-piece menu lets you pin it) to see your balance,
        send, check the wallet's health, or connect to sites.
      </p>
      {!backedUp && (
        <div class="note warn" role="alert">
          <strong>No backup yet</strong>
          Make one from the popup's Backup page before you put funds in.
        </div>
      )}
      <FinishActions />
    </section>
  );
}
