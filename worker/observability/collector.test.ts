import { describe, expect, it } from 'vitest';
import { createCollector, tagList } from './collector';

const at = (ms: number) => () => ms;

describe('createCollector', () => {
  it('sums a count with the same tags into one point and keeps other tags apart', () => {
    const c = createCollector(at(1_795_000_000_500));
    c.count('tidemark.sync.rows', 3, { platform: 'meta', lane: 'hot', tenant: 't1' });
    c.count('tidemark.sync.rows', 4, { tenant: 't1', lane: 'hot', platform: 'meta' });
    c.count('tidemark.sync.rows', 5, { platform: 'linkedin', lane: 'hot', tenant: 't1' });
    expect(c.drain().series).toEqual([
      {
        metric: 'tidemark.sync.rows',
        type: 'count',
        tags: ['lane:hot', 'platform:meta', 'tenant:t1'],
        points: [{ timestamp: 1_795_000_000, value: 7 }],
      },
      {
        metric: 'tidemark.sync.rows',
        type: 'count',
        tags: ['lane:hot', 'platform:linkedin', 'tenant:t1'],
        points: [{ timestamp: 1_795_000_000, value: 5 }],
      },
    ]);
  });

  it('keeps one gauge point per second, the last value winning', () => {
    let now = 1_795_000_000_000;
    const c = createCollector(() => now);
    c.gauge('tidemark.dead_letters.depth', 1, {});
    c.gauge('tidemark.dead_letters.depth', 2, {});
    now += 1_000;
    c.gauge('tidemark.dead_letters.depth', 3, {});
    expect(c.drain().series[0]!.points).toEqual([
      { timestamp: 1_795_000_000, value: 2 },
      { timestamp: 1_795_000_001, value: 3 },
    ]);
  });

  it('drops past its bounds and reports the drops as tidemark.telemetry.dropped', () => {
    const c = createCollector(at(1_795_000_000_000), { maxPoints: 1, maxSpans: 0, maxLogs: 1 });
    c.gauge('tidemark.dead_letters.depth', 1, {});
    c.gauge('tidemark.sync.queue_lag', 1, { lane: 'hot' });
    c.log('error', 'a', {});
    c.log('error', 'b', {});
    c.addDropped({ span: 4 });
    const batch = c.drain();
    expect(batch.logs.map((l) => l.message)).toEqual(['a']);
    expect(batch.series.filter((s) => s.metric === 'tidemark.telemetry.dropped').map((s) => [s.tags, s.points[0]!.value])).toEqual([
      [['kind:series'], 1],
      [['kind:span'], 4],
      [['kind:log'], 1],
    ]);
  });

  it('is empty after a drain, drop counts included', () => {
    const c = createCollector(at(0), { maxPoints: 0, maxSpans: 0, maxLogs: 0 });
    c.count('tidemark.sync.rows', 1, {});
    expect(c.isEmpty()).toBe(false);
    c.drain();
    expect(c.isEmpty()).toBe(true);
    expect(c.drain()).toEqual({ series: [], spans: [], logs: [] });
  });

  it('ignores values that are not finite numbers', () => {
    const c = createCollector(at(0));
    c.gauge('tidemark.sync.duration', Number.NaN, {});
    expect(c.isEmpty()).toBe(true);
  });
});

describe('tagList', () => {
  it('writes key:value pairs in a stable order and leaves out empty tags', () => {
    expect(tagList({ tenant: 't', lane: undefined, platform: 'meta', scope: '' })).toEqual(['platform:meta', 'tenant:t']);
  });
});
