/**
 * The telemetry of one invocation (a queue batch, a cron run, a request): metrics from the
 * catalog, spans and failure logs, collected in memory and sent once at the end with
 * `ctx.waitUntil(telemetry.flush())`. Sending never slows or fails the work it describes: the
 * flush is bounded, times out quickly, never throws, and what it could not send is counted.
 */
import type { Config } from '../env';
import type { GaugeSink, MetricName, MetricTags } from './catalog';
import { type CollectorLimits, createCollector, type DropCounts, type LogStatus } from './collector';
import { flushBatch } from './flush';
import { type OpenSpan, openSpan, type SpanOptions } from './spans';

export interface Telemetry extends GaugeSink {
  /** False without DATADOG_API_KEY: nothing is recorded and nothing is sent. */
  readonly enabled: boolean;
  count<M extends MetricName>(metric: M, value: number, tags: MetricTags<M>): void;
  startSpan(name: string, options?: SpanOptions): OpenSpan;
  log(status: LogStatus, message: string, attributes: Record<string, string | number | boolean | null>): void;
  /** Sends what was recorded; resolves (never rejects) within the timeout. */
  flush(): Promise<void>;
}

export const SERVICE = 'tidemark';
export const FLUSH_TIMEOUT_MS = 2_000;

/**
 * Drops of a failed flush, sent as `tidemark.telemetry.dropped` by the next flush. Module state
 * on purpose: a Worker isolate serves many invocations, so the next one usually reports it.
 */
const carriedDrops: DropCounts = { series: 0, span: 0, log: 0 };

export interface TelemetryOptions {
  fetch?: typeof fetch;
  nowMs?: () => number;
  limits?: CollectorLimits;
  timeoutMs?: number;
}

export function createTelemetry(config: Config, options: TelemetryOptions = {}): Telemetry {
  const apiKey = config.DATADOG_API_KEY;
  if (!apiKey) return NO_TELEMETRY;
  const nowMs = options.nowMs ?? Date.now;
  const collector = createCollector(nowMs, options.limits);
  collector.addDropped(takeCarriedDrops());
  const target = {
    apiKey,
    seriesBase: config.DATADOG_API_BASE,
    logsBase: config.DATADOG_LOGS_BASE,
    traceBase: config.DATADOG_TRACE_BASE,
    service: SERVICE,
    env: config.DD_ENV ?? config.APP_ENV,
    timeoutMs: options.timeoutMs ?? FLUSH_TIMEOUT_MS,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
  };
  return {
    enabled: true,
    count: (metric, value, tags) => collector.count(metric, value, tags),
    gauge: (metric, value, tags) => collector.gauge(metric, value, tags),
    startSpan: (name, spanOptions = {}) => openSpan(name, spanOptions, { service: SERVICE, nowMs, finish: (span) => collector.span(span) }),
    log: (status, message, attributes) => collector.log(status, message, attributes),
    async flush() {
      if (collector.isEmpty()) return;
      try {
        const dropped = await flushBatch(collector.drain(), target);
        if (dropped.series + dropped.span + dropped.log > 0) {
          for (const kind of Object.keys(dropped) as Array<keyof DropCounts>) carriedDrops[kind] += dropped[kind];
          console.warn(JSON.stringify({ level: 'warn', event: 'telemetry dropped', ...dropped }));
        }
      } catch {
        // flushBatch does not throw; this guards the promise handed to waitUntil all the same.
      }
    },
  };
}

function takeCarriedDrops(): DropCounts {
  const taken = { ...carriedDrops };
  carriedDrops.series = 0;
  carriedDrops.span = 0;
  carriedDrops.log = 0;
  return taken;
}

const noSpan = (): OpenSpan => ({
  traceId: 0,
  spanId: 0,
  context: () => undefined,
  tag: () => {},
  fail: () => {},
  end: () => {},
});

/** Telemetry switched off (no API key, or a caller that does not measure): every call is a no-op. */
export const NO_TELEMETRY: Telemetry = {
  enabled: false,
  count: () => {},
  gauge: () => {},
  startSpan: noSpan,
  log: () => {},
  flush: async () => {},
};
