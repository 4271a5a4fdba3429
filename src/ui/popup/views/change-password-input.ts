/**
 * Client-side checks of a password change before asking the background (which checks the old password and
 * the minimum length again). Stricter than the vault on purpose: a too-common password is refused here too.
 */
import { passwordStrength } from '../../components/password-strength.ts';

export interface ChangePasswordInput {
  current: string;
  next: string;
  confirm: string;
}

/** The first problem a person should fix, in the order of the fields; null when the change may be sent. */
export function changePasswordProblem({ current, next, confirm }: ChangePasswordInput): string | null {
  if (current.length === 0) return 'Enter your current password.';
  const strength = passwordStrength(next);
  if (strength.level === 'empty' || strength.level === 'weak')
    return `The new password is too weak. ${strength.text}`;
  // Compare as the vault derives keys (NFKC), so a differently composed "é" is still the same password.
  if (next.normalize('NFKC') === current.normalize('NFKC'))
    return 'The new password is the same as the current one. Choose a different password.';
  if (confirm.normalize('NFKC') !== next.normalize('NFKC'))
    return 'The two new passwords differ. Type the new password again.';
  return null;
}
