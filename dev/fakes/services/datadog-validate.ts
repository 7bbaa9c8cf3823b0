/**
 * DataDog's documented payload shapes, checked strictly: the first problem is the answer.
 * - Series: docs.datadoghq.com/api/latest/metrics/#submit-metrics (v2).
 * - Logs: docs.datadoghq.com/api/latest/logs/#send-logs (at most 1,000 entries per request).
 * - Traces: docs.datadoghq.com/tracing/guide/send_traces_to_agent_by_api (v0.3 JSON spans).
 */
import { isRecord } from './observe';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const UINT64_MAX = 2 ** 64 - 1;
const isUint64 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= UINT64_MAX;
const isStringArray = (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === 'string');
/** Seconds since the epoch stay below this for centuries; milliseconds are already above it. */
const MAX_SECONDS = 100_000_000_000;
/** A start in nanoseconds is past 2001 only above this; seconds or milliseconds are far below. */
const MIN_START_NS = 1e18;

export function seriesProblem(body: unknown): string | null {
  if (!isRecord(body) || !Array.isArray(body.series)) return 'Invalid payload: the series field is required and must be an array';
  for (const [i, s] of body.series.entries()) {
    if (!isRecord(s) || typeof s.metric !== 'string' || !s.metric) return `series[${i}].metric is required`;
    if (s.type !== undefined && ![0, 1, 2, 3].includes(s.type as number))
      return `series[${i}].type must be 0 (unspecified), 1 (count), 2 (rate) or 3 (gauge)`;
    if (!Array.isArray(s.points) || s.points.length === 0) return `series[${i}].points must be a non-empty array`;
    for (const p of s.points) {
      if (!isRecord(p) || !Number.isInteger(p.timestamp) || !isFiniteNumber(p.value))
        return `series[${i}].points need an integer timestamp and a numeric value`;
      if ((p.timestamp as number) <= 0 || (p.timestamp as number) >= MAX_SECONDS) return `series[${i}].points timestamps are in seconds`;
    }
    if (s.tags !== undefined && !isStringArray(s.tags)) return `series[${i}].tags must be an array of strings`;
    if (s.unit !== undefined && typeof s.unit !== 'string') return `series[${i}].unit must be a string`;
    if (s.interval !== undefined && !Number.isInteger(s.interval)) return `series[${i}].interval must be an integer`;
  }
  return null;
}

export const MAX_LOGS_PER_REQUEST = 1_000;

export function logsProblem(body: unknown): string | null {
  const logs = Array.isArray(body) ? body : [body];
  if (body === undefined || logs.some((l) => !isRecord(l))) return 'the body must be a JSON log object or an array of them';
  if (logs.length > MAX_LOGS_PER_REQUEST) return `at most ${MAX_LOGS_PER_REQUEST} log entries per request`;
  for (const [i, log] of (logs as Record<string, unknown>[]).entries()) {
    if (typeof log.message !== 'string') return `log[${i}].message is required and must be a string`;
    for (const field of ['ddsource', 'ddtags', 'hostname', 'service', 'status'])
      if (log[field] !== undefined && typeof log[field] !== 'string') return `log[${i}].${field} must be a string`;
  }
  return null;
}

function spanProblem(span: unknown, where: string): string | null {
  if (!isRecord(span)) return `${where} must be an object`;
  for (const field of ['trace_id', 'span_id', 'parent_id'] as const)
    if (span[field] !== undefined && !isUint64(span[field])) return `${where}.${field} must be an unsigned 64-bit integer`;
  if (!span.trace_id || !span.span_id) return `${where}: trace_id and span_id are required and not 0`;
  if (span.trace_id === span.span_id) return `${where}: trace_id and span_id must have different values`;
  if (span.parent_id === span.span_id) return `${where}: a span cannot be its own parent`;
  for (const [field, max] of [
    ['name', 100],
    ['service', 100],
    ['resource', 5000],
  ] as const) {
    const value = span[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > max)
      return `${where}.${field} must be a string of 1-${max} characters`;
  }
  if (!Number.isInteger(span.start) || (span.start as number) < MIN_START_NS) return `${where}.start must be nanoseconds since the epoch`;
  if (!Number.isInteger(span.duration) || (span.duration as number) < 0) return `${where}.duration must be non-negative nanoseconds`;
  if (span.error !== undefined && span.error !== 0 && span.error !== 1) return `${where}.error must be 0 or 1`;
  if (span.type !== undefined && typeof span.type !== 'string') return `${where}.type must be a string`;
  if (span.meta !== undefined && (!isRecord(span.meta) || Object.values(span.meta).some((v) => typeof v !== 'string')))
    return `${where}.meta values must be strings`;
  if (span.metrics !== undefined && (!isRecord(span.metrics) || Object.values(span.metrics).some((v) => !isFiniteNumber(v))))
    return `${where}.metrics values must be numbers`;
  return null;
}

/** A v0.3 traces payload: traces of spans, each trace one trace_id, links never crossing into another trace. */
export function tracesProblem(body: unknown, traceCountHeader: string | undefined): string | null {
  if (!Array.isArray(body)) return 'the body must be an array of traces';
  if (traceCountHeader !== undefined && Number(traceCountHeader) !== body.length)
    return `X-Datadog-Trace-Count says ${traceCountHeader}, the body holds ${body.length} traces`;
  const traceOfSpan = new Map<number, number>();
  for (const [t, trace] of body.entries()) {
    if (!Array.isArray(trace) || trace.length === 0) return `trace[${t}] must be a non-empty array of spans`;
    for (const [s, span] of trace.entries()) {
      const problem = spanProblem(span, `trace[${t}][${s}]`);
      if (problem) return problem;
      const { trace_id: traceId, span_id: spanId } = span as { trace_id: number; span_id: number };
      if (traceId !== (trace[0] as { trace_id: number }).trace_id) return `trace[${t}] mixes trace ids`;
      if (traceOfSpan.has(spanId)) return `trace[${t}][${s}]: span_id ${spanId} is not unique`;
      traceOfSpan.set(spanId, traceId);
    }
  }
  for (const [t, trace] of (body as Array<Array<{ trace_id: number; parent_id?: number }>>).entries()) {
    for (const [s, span] of trace.entries()) {
      const parentTrace = span.parent_id ? traceOfSpan.get(span.parent_id) : undefined;
      if (parentTrace !== undefined && parentTrace !== span.trace_id) return `trace[${t}][${s}]: parent_id names a span of another trace`;
    }
  }
  return null;
}
