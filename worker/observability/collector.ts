/**
 * What one invocation (a queue batch, a cron run, a request) records for DataDog, held in memory
 * until the flush. Pure: no I/O, the clock is injected. Bounded: past its limits it drops and
 * counts, and the counts go out as `tidemark.telemetry.dropped` with the next batch.
 */
import { METRICS, type MetricName, type MetricTags } from './catalog';
import type { FinishedSpan } from './spans';

export interface CollectorLimits {
  /** Series points per flush (a new series, or another point of a gauge). */
  maxPoints: number;
  maxSpans: number;
  maxLogs: number;
}

export const DEFAULT_LIMITS: CollectorLimits = { maxPoints: 2_000, maxSpans: 2_000, maxLogs: 200 };

export type DropKind = 'series' | 'span' | 'log';
export type DropCounts = Record<DropKind, number>;

export interface SeriesPoint {
  timestamp: number;
  value: number;
}

/** One series as DataDog's v2 intake takes it (before the common tags are added). */
export interface CollectedSeries {
  metric: MetricName;
  type: 'count' | 'gauge';
  tags: string[];
  points: SeriesPoint[];
}

export type LogStatus = 'error' | 'warn' | 'info';

export interface CollectedLog {
  status: LogStatus;
  message: string;
  timestamp: number;
  attributes: Record<string, string | number | boolean | null>;
}

export interface CollectedBatch {
  series: CollectedSeries[];
  spans: FinishedSpan[];
  logs: CollectedLog[];
}

export interface Collector {
  count<M extends MetricName>(metric: M, value: number, tags: MetricTags<M>): void;
  gauge<M extends MetricName>(metric: M, value: number, tags: MetricTags<M>): void;
  span(span: FinishedSpan): void;
  log(status: LogStatus, message: string, attributes: CollectedLog['attributes']): void;
  /** Items lost outside the collector (a failed flush), reported with the next drain. */
  addDropped(counts: Partial<DropCounts>): void;
  /** Everything recorded so far, with the drop counts as a series; empties the collector. */
  drain(): CollectedBatch;
  isEmpty(): boolean;
}

const noDrops = (): DropCounts => ({ series: 0, span: 0, log: 0 });

/** `key:value` tags in a stable order, so one metric with the same tags is one series. */
export function tagList(tags: Record<string, string | undefined>): string[] {
  return Object.entries(tags)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}:${value}`)
    .sort();
}

export function createCollector(nowMs: () => number, limits: CollectorLimits = DEFAULT_LIMITS): Collector {
  let series = new Map<string, CollectedSeries>();
  let points = 0;
  let spans: FinishedSpan[] = [];
  let logs: CollectedLog[] = [];
  let dropped = noDrops();
  const seconds = () => Math.floor(nowMs() / 1000);

  function record(metric: MetricName, value: number, tags: Record<string, string | undefined>) {
    if (!Number.isFinite(value)) return;
    const type = METRICS[metric].type;
    const list = tagList(tags);
    const key = `${metric}|${list.join(',')}`;
    const existing = series.get(key);
    const timestamp = seconds();
    if (existing && type === 'count') {
      existing.points[0]!.value += value;
      return;
    }
    // A gauge keeps one value per second (DataDog keeps the last one of a timestamp anyway).
    const last = existing?.points.at(-1);
    if (last && last.timestamp === timestamp) {
      last.value = value;
      return;
    }
    if (points >= limits.maxPoints) {
      dropped.series += 1;
      return;
    }
    points += 1;
    if (existing) existing.points.push({ timestamp, value });
    else series.set(key, { metric, type, tags: list, points: [{ timestamp, value }] });
  }

  return {
    count: (metric, value, tags) => record(metric, value, tags as Record<string, string | undefined>),
    gauge: (metric, value, tags) => record(metric, value, tags as Record<string, string | undefined>),
    span(span) {
      if (spans.length >= limits.maxSpans) dropped.span += 1;
      else spans.push(span);
    },
    log(status, message, attributes) {
      if (logs.length >= limits.maxLogs) dropped.log += 1;
      else logs.push({ status, message, timestamp: nowMs(), attributes });
    },
    addDropped(counts) {
      for (const kind of Object.keys(dropped) as DropKind[]) dropped[kind] += counts[kind] ?? 0;
    },
    drain() {
      const out: CollectedBatch = { series: [...series.values()], spans, logs };
      const timestamp = seconds();
      for (const kind of Object.keys(dropped) as DropKind[]) {
        // Outside the bound: the drop count is the one figure that must always get through.
        if (dropped[kind] > 0)
          out.series.push({
            metric: 'tidemark.telemetry.dropped',
            type: 'count',
            tags: [`kind:${kind}`],
            points: [{ timestamp, value: dropped[kind] }],
          });
      }
      series = new Map();
      points = 0;
      spans = [];
      logs = [];
      dropped = noDrops();
      return out;
    },
    isEmpty: () => series.size === 0 && spans.length === 0 && logs.length === 0 && Object.values(dropped).every((n) => n === 0),
  };
}
