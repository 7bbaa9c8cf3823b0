import type { OnboardingAccount } from '$worker/onboarding/progress';

export type { OnboardingAccount };

/** A picked account whose history import has not finished (or not started: a just-picked account has no windows yet). */
export function isImporting(account: OnboardingAccount): boolean {
  if (!account.picked) return false;
  const { windowsDone, windowsTotal } = account.backfill;
  return windowsTotal === 0 || windowsDone < windowsTotal;
}

/** "2 of 3 months imported" while importing, "History imported: 1,234 rows" when done. */
export function progressLabel(account: OnboardingAccount): string {
  const { windowsDone, windowsTotal, rows } = account.backfill;
  if (isImporting(account)) return windowsTotal ? `${windowsDone} of ${windowsTotal} months imported` : 'Starting the import…';
  return `History imported: ${rows.toLocaleString('en-US')} rows`;
}
