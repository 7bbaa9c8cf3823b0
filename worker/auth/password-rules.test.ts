import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from './password-rules';

describe('new password rules', () => {
  it('accepts a long enough, varied password', () => {
    expect(newPasswordProblem('correct horse battery', 'ada@example.test')).toBeNull();
  });

  it.each([
    ['short1!', 'Use at least 12 characters.'],
    ['aaaaaaaaaaaaaaaa', 'Use more different characters.'],
    ['ada@example.test', 'Do not use your email address as your password.'],
    ['x'.repeat(200) + 'y'.repeat(57), 'Use at most 256 characters.'],
  ])('refuses %j', (password, problem) => {
    expect(newPasswordProblem(password, 'Ada@Example.test')).toBe(problem);
  });
});
