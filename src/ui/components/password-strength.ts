/**
 * A rough strength hint for a password (not a gate on its own: the vault enforces its minimum). It rewards
 * length above all, since scrypt makes each guess slow but cannot save a short or common password.
 */
export type StrengthLevel = 'empty' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  level: StrengthLevel;
  text: string;
}

export const MIN_PASSWORD_LENGTH = 8;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'qwerty123',
  'iloveyou',
  'letmein1',
  'trustno1',
  'abc12345',
  'bitcoin1',
  'ethereum',
  'football',
  'baseball',
  'sunshine',
  'whatever',
]);

export function passwordStrength(password: string): StrengthHint {
  const pw = password.normalize('NFKC');
  const length = [...pw].length;
  if (length === 0) return { level: 'empty', text: `At least ${MIN_PASSWORD_LENGTH} characters.` };
  if (length < MIN_PASSWORD_LENGTH)
    return { level: 'weak', text: `Too short: use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (COMMON.has(pw.toLowerCase()) || /^(.)\1+$/.test(pw))
    return { level: 'weak', text: 'Too common: pick something nobody would guess.' };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (length >= 16 || (length >= 12 && classes >= 3))
    return { level: 'strong', text: 'Strong. Store it in a password manager.' };
  return { level: 'fair', text: 'Fair. Longer is better: a few unrelated words work well.' };
}
