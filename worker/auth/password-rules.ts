/** What a new password must be (set when accepting an invitation or resetting one). Pure. */

export const PASSWORD_MIN_LENGTH = 12;
/** PBKDF2 hashes any length, but an unbounded one is a cheap way to make us work. */
export const PASSWORD_MAX_LENGTH = 256;

/** Null when acceptable, else what is wrong, as a sentence the form can show. */
export function newPasswordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size < 4) return 'Use more different characters.';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Do not use your email address as your password.';
  return null;
}
