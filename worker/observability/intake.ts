/**
 * The collected batch as DataDog's intakes take it. Pure.
 * - Series: POST /api/v2/series (docs.datadoghq.com/api/latest/metrics/#submit-metrics), type 1 count, 3 gauge.
 * - Logs: POST /api/v2/logs on the logs intake host (docs.datadoghq.com/api/latest/logs/#send-logs).
 * - Traces: PUT /v0.3/traces, an array of traces, each an array of spans (send_traces_to_agent_by_api).
 */
import { METRICS } from './catalog';
import type { CollectedBatch, CollectedLog } from './collector';
import type { FinishedSpan } from './spans';

export interface IntakeTags {
  service: string;
  env: string;
}

const SERIES_TYPE = { count: 1, gauge: 3 } as const;

export function seriesPayload(batch: CollectedBatch, common: IntakeTags) {
  const extra = [`env:${common.env}`, `service:${common.service}`];
  return {
    series: batch.series.map((s) => ({
      metric: s.metric,
      type: SERIES_TYPE[s.type],
      unit: METRICS[s.metric].unit,
      points: s.points,
      tags: [...s.tags, ...extra],
    })),
  };
}

export function logsPayload(batch: CollectedBatch, common: IntakeTags) {
  return batch.logs.map((log: CollectedLog) => ({
    ...log.attributes,
    message: log.message,
    status: log.status,
    timestamp: log.timestamp,
    service: common.service,
    ddsource: 'cloudflare-worker',
    ddtags: `env:${common.env}`,
  }));
}

/** Spans grouped by trace, as the trace API wants them. */
export function tracesPayload(batch: CollectedBatch, common: IntakeTags): FinishedSpan[][] {
  const traces = new Map<number, FinishedSpan[]>();
  for (const span of batch.spans) {
    const withEnv = { ...span, meta: { ...span.meta, env: common.env } };
    traces.set(span.trace_id, [...(traces.get(span.trace_id) ?? []), withEnv]);
  }
  return [...traces.values()];
}
