/** Failures count within a fixed window that starts at the first failure. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** How long a key stays locked once it reaches its limit. */
export const LOCKOUT_MS = 15 * 60 * 1000;

/** 5 failures per account email, 20 per client address (shared NATs see more honest typos). */
export function failureLimitFor(key: string): number {
  return key.startsWith('ip:') ? 20 : 5;
}

export type LoginLock = { lockedUntil: Date; retryAfterSeconds: number };

/** The latest lock among the keys that is still in force at `now`, or null. */
export function activeLock(lockedUntils: ReadonlyArray<Date | null>, now: Date): LoginLock | null {
  let latest: Date | null = null;
  for (const until of lockedUntils) {
    if (until && until.getTime() > now.getTime() && (!latest || until.getTime() > latest.getTime())) latest = until;
  }
  if (!latest) return null;
  return { lockedUntil: latest, retryAfterSeconds: Math.max(1, Math.ceil((latest.getTime() - now.getTime()) / 1000)) };
}
