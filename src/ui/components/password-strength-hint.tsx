import { passwordStrength } from './password-strength.ts';

export function PasswordStrengthHint({ password }: { password: string }) {
  const hint = passwordStrength(password);
  return (
    <span class="strength" data-level={hint.level} data-testid="password-strength" aria-live="polite">
      {hint.text}
    </span>
  );
}
