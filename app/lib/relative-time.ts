const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago something happened, as a dashboard says it ("just now", "3 min ago", "2 h ago", "5 days ago"). */
export function formatTimeAgo(then: Date | string | null, now: Date): string {
  if (then === null) return 'never';
  const elapsed = now.getTime() - new Date(then).getTime();
  if (!Number.isFinite(elapsed)) return 'never';
  // A clock a little ahead of ours is still "just now", not "in the future".
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
