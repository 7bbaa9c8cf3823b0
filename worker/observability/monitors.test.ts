import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUNSET_CRITICAL_DAYS, SUNSET_WARN_DAYS } from '../connectors/api-versions';
import { METRIC_NAMES, METRICS, type MetricName } from './catalog';

interface Monitor {
  name: string;
  type: string;
  query: string;
  message: string;
  tags: string[];
  options: { thresholds: { critical: number; warning?: number } };
}

const root = join(__dirname, '..', '..');
const monitors = JSON.parse(readFileSync(join(root, 'docs/datadog/monitors.json'), 'utf8')) as Monitor[];

/** Every `aggregator:metric{filter} by {group}` term of a query. */
function metricTerms(query: string) {
  return [...query.matchAll(/(?:sum|avg|max|min|count):([a-z0-9_.]+)\{([^}]*)\}(?:\s+by\s+\{([^}]*)\})?/g)].map((m) => ({
    metric: m[1]!,
    filterKeys: m[2] === '*' ? [] : [...m[2]!.matchAll(/!?([a-z_]+)(?::|\s+IN\s)/g)].map((k) => k[1]!),
    groupKeys: m[3] ? m[3].split(',').map((k) => k.trim()) : [],
  }));
}

/** Worker sources (not tests, not the catalog itself): where a metric is emitted. */
function workerSources(dir = join(root, 'worker')): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) =>
      statSync(path).isDirectory()
        ? workerSources(path)
        : path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('catalog.ts')
          ? readFileSync(path, 'utf8')
          : '',
    )
    .join('\n');
}

describe('docs/datadog/monitors.json', () => {
  const sources = workerSources();

  it.each(monitors.map((m) => [m.name, m] as const))('%s is a well-formed query alert', (_name, monitor) => {
    expect(monitor.type).toBe('query alert');
    expect(monitor.message.length).toBeGreaterThan(20);
    expect(monitor.tags).toContain('service:tidemark');
    const threshold = Number(/[<>]=?\s*(-?[\d.]+)\s*$/.exec(monitor.query)?.[1]);
    expect(threshold, 'the query threshold is the critical threshold').toBe(monitor.options.thresholds.critical);
    expect(metricTerms(monitor.query).length).toBeGreaterThan(0);
  });

  it.each(monitors.map((m) => [m.name, m] as const))(
    '%s queries only catalog metrics the code emits, by tags they carry',
    (_name, monitor) => {
      for (const term of metricTerms(monitor.query)) {
        expect(METRIC_NAMES, term.metric).toContain(term.metric);
        expect(sources.includes(`'${term.metric}'`), `${term.metric} is emitted somewhere in worker/`).toBe(true);
        const allowed = [...METRICS[term.metric as MetricName].tags, 'env', 'service'];
        for (const key of [...term.filterKeys, ...term.groupKeys]) expect(allowed, `${term.metric} tag ${key}`).toContain(key);
      }
    },
  );

  it('covers sync failure rate, rate-limit utilization, stale data, dead letters, slow dashboard queries and API sunsets', () => {
    const queried = new Set(monitors.flatMap((m) => metricTerms(m.query).map((t) => t.metric)));
    for (const metric of [
      'tidemark.sync.runs',
      'tidemark.ratelimit.utilization',
      'tidemark.sync.stale_minutes',
      'tidemark.dead_letters.depth',
      'tidemark.dashboard.query_duration',
      'tidemark.api_version.days_to_sunset',
    ])
      expect(queried).toContain(metric);
  });

  it('warns 60 days before an API version sunset and alerts at 30', () => {
    const sunset = monitors.find((m) => m.query.includes('tidemark.api_version.days_to_sunset'))!;
    expect(sunset.options.thresholds).toEqual({ critical: SUNSET_CRITICAL_DAYS, warning: SUNSET_WARN_DAYS });
  });

  it('has no catalog metric that the code never emits', () => {
    for (const metric of METRIC_NAMES) expect(sources.includes(`'${metric}'`), `${metric} is emitted somewhere in worker/`).toBe(true);
  });
});
