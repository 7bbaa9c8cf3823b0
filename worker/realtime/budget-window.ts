/**
 * A quota counted over a sliding window that must never be exceeded (Google's daily operations
 * per developer token: a sliding 24 hours). A token bucket sized to the window only holds for
 * one-call admissions; a sync reserves the operations it may spend, so this keeps a log of
 * reservations in fixed slots instead. Pure.
 *
 * Why it never over-admits: a reservation is logged in the slot of its admission, and its calls
 * go out within one slot of it (a Google sync is at most two requests of 30 s each; a slot is
 * 15 minutes). Admission counts every slot that may still hold a call inside the window, plus one
 * slot of margin for that lag, and admits only if the count plus the new cost fits.
 */

export interface WindowPolicy {
  kind: 'window';
  /** Calls (operations) allowed in any window. */
  limit: number;
  windowMs: number;
  slotMs: number;
}

export interface WindowState {
  kind: 'window';
  /** [slot index (epoch ms / slotMs, floored), calls reserved in it], oldest first. */
  slots: Array<[number, number]>;
  /** Epoch ms before which nothing is granted (the platform said "wait"). */
  blockedUntil: number;
}

export type WindowGrant = { granted: true; state: WindowState } | { granted: false; retryAfterMs: number; state: WindowState };

export const DAY_MS = 86_400_000;

/** Google's developer-token operations: a sliding 24 h in 15-minute slots. */
export function slidingDayPolicy(limit: number): WindowPolicy {
  return { kind: 'window', limit, windowMs: DAY_MS, slotMs: 15 * 60_000 };
}

export function freshWindow(): WindowState {
  return { kind: 'window', slots: [], blockedUntil: 0 };
}

/** The oldest slot that may still hold a call inside the window ending at `now` (one slot of margin). */
function firstCountedSlot(policy: WindowPolicy, now: number): number {
  return Math.floor((now - policy.windowMs) / policy.slotMs) - 1;
}

/** Drops the slots that can no longer hold a call inside the window. */
function prune(state: WindowState, policy: WindowPolicy, now: number): WindowState {
  const first = firstCountedSlot(policy, now);
  return { ...state, slots: state.slots.filter(([slot]) => slot >= first) };
}

/** Calls that may still be inside the window ending at `now` (an upper bound). */
export function windowUsed(state: WindowState, policy: WindowPolicy, now: number): number {
  return prune(state, policy, now).slots.reduce((sum, [, calls]) => sum + calls, 0);
}

function add(state: WindowState, policy: WindowPolicy, now: number, calls: number): WindowState {
  const slot = Math.floor(now / policy.slotMs);
  const slots = state.slots.map(([s, c]): [number, number] => [s, s === slot ? Math.max(0, c + calls) : c]);
  if (!slots.some(([s]) => s === slot) && calls > 0) slots.push([slot, calls]);
  return { ...state, slots: slots.filter(([, c]) => c > 0) };
}

/**
 * Reserves `cost` calls if they fit under the limit less `reserve` (a lane's share left for
 * others); otherwise says when enough old slots will have left the window for this lane.
 */
export function takeFromWindow(state: WindowState, policy: WindowPolicy, now: number, cost = 1, reserve = 0): WindowGrant {
  const current = prune(state, policy, now);
  const allowed = policy.limit - reserve;
  const used = windowUsed(current, policy, now);
  const blockedMs = Math.max(0, current.blockedUntil - now);
  if (blockedMs === 0 && used + cost <= allowed) return { granted: true, state: add(current, policy, now, cost) };
  return { granted: false, retryAfterMs: Math.max(blockedMs, fitsAfterMs(current, policy, now, used + cost - allowed)), state: current };
}

/** How long until `excess` reserved calls have left the counted slots (the whole window if they never can). */
function fitsAfterMs(state: WindowState, policy: WindowPolicy, now: number, excess: number): number {
  if (excess <= 0) return 0;
  let left = excess;
  for (const [slot, calls] of state.slots) {
    left -= calls;
    // Slot k stops being counted once firstCountedSlot(t) > k, i.e. at t = (k + 2) * slotMs + windowMs.
    if (left <= 0) return Math.max(1, (slot + 2) * policy.slotMs + policy.windowMs - now);
  }
  return policy.windowMs;
}

/** Gives back calls reserved at `now` that were not used (a later gate refused the sync). */
export function refundWindow(state: WindowState, policy: WindowPolicy, now: number, calls: number): WindowState {
  return add(prune(state, policy, now), policy, now, -calls);
}

/**
 * Logs calls beyond what was reserved (a reservation is the most a sync spends, so this is rare).
 * Unused reservations are not refunded: the calls may have gone out, and over-counting is safe.
 */
export function chargeWindow(state: WindowState, policy: WindowPolicy, now: number, extra: number): WindowState {
  return extra > 0 ? add(prune(state, policy, now), policy, now, extra) : prune(state, policy, now);
}

/** The platform said the quota is spent: nothing until its hint (or until the oldest slot leaves the window). */
export function throttleWindow(state: WindowState, policy: WindowPolicy, now: number, retryAfterMs: number | null): WindowState {
  const drained = Math.max(policy.slotMs, fitsAfterMs(state, policy, now, windowUsed(state, policy, now)));
  const until = now + (retryAfterMs && retryAfterMs > 0 ? retryAfterMs : drained);
  return { ...prune(state, policy, now), blockedUntil: Math.max(state.blockedUntil, until) };
}
