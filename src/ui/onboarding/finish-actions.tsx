import { SafetyNote } from '../components/safety-note.tsx';

/** The last lines of a finished onboarding (new or restored wallet): the safety reminder, then close. */
export function FinishActions() {
  return (
    <>
      <SafetyNote />
      <div class="actions">
        <button type="button" onClick={() => window.close()}>
          Close this tab
        </button>
      </div>
    </>
  );
}
