import type { FakeClock } from './types';

/**
 * A clock that can be frozen, sped up, set and advanced; `speed` is fake ms per real ms.
 * It reads `now` at the real instant `realAnchorMs` (the moment it is created by default):
 * fake = now + (real - realAnchorMs) * speed, the Worker's TIME_SCALE formula (worker/lib/clock.ts),
 * so a Worker and the fakes given the same triple agree on the time without talking to each other.
 */
export function createClock(options: { now?: Date; speed?: number; realAnchorMs?: number; realNow?: () => number } = {}): FakeClock {
  const realNow = options.realNow ?? (() => Date.now());
  let anchorReal = options.realAnchorMs ?? realNow();
  let anchorFake = options.now ? options.now.getTime() : anchorReal;
  let speed = options.speed ?? 1;

  const nowMs = () => anchorFake + (realNow() - anchorReal) * speed;
  const rebase = (fakeMs: number) => {
    anchorFake = fakeMs;
    anchorReal = realNow();
  };

  return {
    now: () => new Date(nowMs()),
    set: (at) => rebase(at.getTime()),
    advance: (ms) => rebase(nowMs() + ms),
    setSpeed: (next) => {
      if (!Number.isFinite(next) || next < 0) throw new RangeError(`clock speed must be a finite number >= 0, got ${next}`);
      rebase(nowMs());
      speed = next;
    },
    speed: () => speed,
  };
}
