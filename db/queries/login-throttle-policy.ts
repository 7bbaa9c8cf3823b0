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

/** One key's counter as stored. */
export interface ThrottleCounter {
  key: string;
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision = { kind: 'locked'; lock: LoginLock } | { kind: 'counted'; counters: ThrottleCounter[] };

/**
 * Decides a sign-in attempt before its password is checked. While any key is locked the attempt is
 * refused and nothing changes; otherwise it counts as a failure against every key up front (a
 * success gives it back, see refundAttempt), and a key that reaches its limit locks at once. So of
 * N attempts arriving together, at most the limit get to check a password.
 */
export function decideAttempt(counters: ReadonlyArray<ThrottleCounter>, now: Date): AttemptDecision {
  const lock = activeLock(
    counters.map((c) => c.lockedUntil),
    now,
  );
  if (lock) return { kind: 'locked', lock };
  const windowStart = now.getTime() - THROTTLE_WINDOW_MS;
  return {
    kind: 'counted',
    counters: counters.map((c) => {
      const fresh = c.windowStartedAt.getTime() <= windowStart;
      const failures = fresh ? 1 : c.failures + 1;
      return {
        key: c.key,
        failures,
        windowStartedAt: fresh ? now : c.windowStartedAt,
        lockedUntil: failures >= failureLimitFor(c.key) ? new Date(now.getTime() + LOCKOUT_MS) : null,
      };
    }),
  };
}

/** Gives back the failure decideAttempt counted for an attempt that then succeeded, lifting a lock that attempt set. */
export function refundAttempt(counter: ThrottleCounter): ThrottleCounter {
  const failures = Math.max(0, counter.failures - 1);
  return { ...counter, failures, lockedUntil: failures >= failureLimitFor(counter.key) ? counter.lockedUntil : null };
}
