import { describe, expect, it } from 'vitest';
import { changePasswordProblem } from './change-password-input.ts';

const CURRENT = 'correct horse battery staple';
const NEXT = 'a brand new wallet passphrase';

describe('changePasswordProblem', () => {
  it('accepts a strong new password, different from the current one, typed twice', () => {
    expect(changePasswordProblem({ current: CURRENT, next: NEXT, confirm: NEXT })).toBeNull();
    // The same password composed differently (NFKC) still matches its confirmation.
    expect(
      changePasswordProblem({
        current: CURRENT,
        next: 'caf\u00e9 au lait 42',
        confirm: 'cafe\u0301 au lait 42',
      }),
    ).toBeNull();
  });

  it('asks for the current password first', () => {
    expect(changePasswordProblem({ current: '', next: NEXT, confirm: NEXT })).toMatch(/current password/);
  });

  it('refuses a new password that is too short or too common', () => {
    expect(changePasswordProblem({ current: CURRENT, next: 'short', confirm: 'short' })).toMatch(
      /too weak.*at least 8/,
    );
    expect(changePasswordProblem({ current: CURRENT, next: 'password123', confirm: 'password123' })).toMatch(
      /too weak.*common/i,
    );
    expect(changePasswordProblem({ current: CURRENT, next: '', confirm: '' })).toMatch(/too weak/);
  });

  it('refuses the current password as the new one, also in another Unicode composition', () => {
    expect(changePasswordProblem({ current: CURRENT, next: CURRENT, confirm: CURRENT })).toMatch(
      /same as the current/,
    );
    expect(
      changePasswordProblem({
        current: 'caf\u00e9 au lait 42',
        next: 'cafe\u0301 au lait 42',
        confirm: 'cafe\u0301 au lait 42',
      }),
    ).toMatch(/same as the current/);
  });

  it('refuses a confirmation that differs', () => {
    expect(changePasswordProblem({ current: CURRENT, next: NEXT, confirm: `${NEXT}!` })).toMatch(/differ/);
    expect(changePasswordProblem({ current: CURRENT, next: NEXT, confirm: '' })).toMatch(/differ/);
  });
});
