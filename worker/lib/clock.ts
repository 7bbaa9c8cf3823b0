/**
 * The Worker's one clock. Unset, it is the wall clock. With a time scale (development and the sync
 * benchmark only; production refuses it) simulated time runs `speed` times faster than real time
 * from a shared anchor:
 *
 *   sim = simEpoch + (real - realAnchor) * speed
 *
 * The fake platforms take the same triple (dev/fakes/world/clock.ts), so both sides compute the
 * same simulated instant from the same real instant, without talking to each other.
 */
export interface TimeScale {
  /** The simulated instant at the anchor (epoch ms). */
  simEpochMs: number;
  /** The real instant the two clocks agree on (epoch ms). */
  realAnchorMs: number;
  /** Simulated ms per real ms; above 0. */
  speed: number;
}

/** `TIME_SCALE=<simEpochISO>@<realAnchorMs>x<speed>`, e.g. `2026-11-01T00:00:00.000Z@1764633600000x120`. */
const TIME_SCALE_PATTERN = /^([^@]+)@(\d+)x(\d+(?:\.\d+)?)$/;

/** The time scale written in TIME_SCALE, or null when the text is not one (a bad date, a speed of 0). */
export function parseTimeScale(text: string): TimeScale | null {
  const match = TIME_SCALE_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, epoch, anchor, speedText] = match;
  const simEpochMs = Date.parse(epoch!);
  const realAnchorMs = Number(anchor);
  const speed = Number(speedText);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(epoch!) || Number.isNaN(simEpochMs)) return null;
  if (!Number.isSafeInteger(realAnchorMs) || !Number.isFinite(speed) || speed <= 0) return null;
  return { simEpochMs, realAnchorMs, speed };
}

export function formatTimeScale(scale: TimeScale): string {
  return `${new Date(scale.simEpochMs).toISOString()}@${scale.realAnchorMs}x${scale.speed}`;
}

/** The simulated instant of a real one. */
export function simulatedMs(scale: TimeScale, realMs: number): number {
  return scale.simEpochMs + (realMs - scale.realAnchorMs) * scale.speed;
}

/** The real instant at which a simulated one happens (the inverse of simulatedMs). */
export function realMsAt(scale: TimeScale, simMs: number): number {
  return scale.realAnchorMs + (simMs - scale.simEpochMs) / scale.speed;
}

export interface Clock {
  now(): Date;
  /**
   * A wait in simulated seconds as the real seconds a queue delay must be: ceil(sim / speed), so a
   * delay never ends before its simulated time. Unscaled, the same seconds rounded up.
   */
  realDelaySeconds(simSeconds: number): number;
  /** The time scale, or null for the wall clock. */
  scale: TimeScale | null;
}

export function createClock(scale: TimeScale | null = null, realNow: () => number = () => Date.now()): Clock {
  const speed = scale?.speed ?? 1;
  return {
    now: () => new Date(scale ? simulatedMs(scale, realNow()) : realNow()),
    realDelaySeconds: (simSeconds) => (simSeconds > 0 ? Math.ceil(simSeconds / speed) : 0),
    scale,
  };
}

/** The clock a parsed configuration asks for (TIME_SCALE is validated by worker/env.ts). */
export function clockOf(config: { TIME_SCALE?: string }): Clock {
  return createClock(config.TIME_SCALE === undefined ? null : parseTimeScale(config.TIME_SCALE));
}
