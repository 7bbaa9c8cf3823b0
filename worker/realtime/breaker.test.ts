import { describe, expect, it } from 'vitest';
import { type BreakerOutcome, type BreakerPolicy, type BreakerState, breakerAllows, breakerRecord, CLOSED } from './breaker';

const policy: BreakerPolicy = { failureThreshold: 2, coolDownMs: 1000, probeTimeoutMs: 500 };
const open: BreakerState = { status: 'open', openedAt: 0 };
const probing: BreakerState = { status: 'half_open', openedAt: 0, probeAt: 1000 };

describe('breakerAllows', () => {
  it.each<[string, BreakerState, number, ReturnType<typeof breakerAllows>]>([
    ['a closed breaker lets every call through', CLOSED, 0, { allowed: true, state: CLOSED }],
    ['an open breaker refuses until the cool-down ends', open, 400, { allowed: false, retryAfterMs: 600, state: open }],
    ['an open breaker past its cool-down lets one probe through', open, 1000, { allowed: true, state: probing }],
    [
      'a second call while the probe is out is refused until the probe times out',
      probing,
      1200,
      { allowed: false, retryAfterMs: 300, state: probing },
    ],
    [
      'a probe that never reported is presumed lost after the probe timeout, and a new probe goes out',
      probing,
      1500,
      { allowed: true, state: { status: 'half_open', openedAt: 0, probeAt: 1500 } },
    ],
    [
      'a half-open state stored before probes had a start time lets a probe through',
      { status: 'half_open' } as BreakerState,
      5000,
      { allowed: true, state: { status: 'half_open', openedAt: 5000, probeAt: 5000 } },
    ],
  ])('%s', (_name, state, now, expected) => {
    expect(breakerAllows(state, now, policy)).toEqual(expected);
  });
});

describe('breakerRecord', () => {
  it.each<[string, BreakerState, BreakerOutcome, BreakerState]>([
    ['a failure below the threshold is counted', CLOSED, 'failure', { status: 'closed', failures: 1 }],
    ['the threshold-th consecutive failure opens it', { status: 'closed', failures: 1 }, 'failure', { status: 'open', openedAt: 2000 }],
    ['a success resets the count', { status: 'closed', failures: 1 }, 'success', CLOSED],
    ['a throttle is not a failure: the count stays', { status: 'closed', failures: 1 }, 'neutral', { status: 'closed', failures: 1 }],
    ['a successful probe closes it', probing, 'success', CLOSED],
    ['a failed probe reopens it for a new cool-down', probing, 'failure', { status: 'open', openedAt: 2000 }],
    ['a throttled, refused or unsent probe releases the probe slot (the cool-down has already passed)', probing, 'neutral', open],
    ['an open breaker ignores a late failure', open, 'failure', open],
    ['an open breaker ignores a throttle', open, 'neutral', open],
  ])('%s', (_name, state, outcome, expected) => {
    expect(breakerRecord(state, outcome, 2000, policy)).toEqual(expected);
  });

  it('after a released probe the next admission probes again instead of staying half-open forever', () => {
    const released = breakerRecord(probing, 'neutral', 1100, policy);
    expect(breakerAllows(released, 1100, policy)).toEqual({ allowed: true, state: { status: 'half_open', openedAt: 0, probeAt: 1100 } });
  });
});
