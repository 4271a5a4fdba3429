import { describe, expect, it } from 'vitest';
import { passwordStrength } from './password-strength.ts';

describe('passwordStrength', () => {
  it('asks for something when empty', () => {
    expect(passwordStrength('').level).toBe('empty');
  });
  it('calls short and common passwords weak', () => {
    expect(passwordStrength('abc123').level).toBe('weak');
    expect(passwordStrength('Password123').level).toBe('weak');
    expect(passwordStrength('aaaaaaaaaaaa').level).toBe('weak');
  });
  it('calls a medium one fair and a long or varied one strong', () => {
    expect(passwordStrength('bluehorse7').level).toBe('fair');
    expect(passwordStrength('Blue-Horse-77x').level).toBe('strong');
    expect(passwordStrength('correct horse battery staple').level).toBe('strong');
  });
});
