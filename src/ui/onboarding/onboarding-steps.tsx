export type OnboardingStep = 'password' | 'generating' | 'addresses' | 'backup' | 'done';

const LABELS: [OnboardingStep, string][] = [
  ['password', 'Password'],
  ['generating', 'Keys'],
  ['addresses', 'Addresses'],
  ['backup', 'Backup'],
  ['done', 'Done'],
];

/** Where the person is in the onboarding, as an ordered list. */
export function OnboardingSteps({ current }: { current: OnboardingStep }) {
  return (
    <ol class="steps" aria-label="Onboarding steps">
      {LABELS.map(([step, label], i) => (
        <li key={step} aria-current={step === current ? 'step' : undefined}>
          {i + 1}. {label}
        </li>
      ))}
    </ol>
  );
}
