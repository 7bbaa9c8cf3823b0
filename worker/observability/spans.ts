/**
 * Spans in DataDog's trace model (docs.datadoghq.com/tracing/guide/send_traces_to_agent_by_api):
 * 64-bit integer ids, start in nanoseconds since the epoch, duration in nanoseconds, string-only
 * `meta`, numeric `metrics`, `error` 0 or 1. Pure apart from the random ids.
 */

/** Where a span hangs in a trace: carried from the cron to the queue consumer in the sync message. */
export interface TraceContext {
  traceId: number;
  /** The span the next span is a child of. */
  parentId: number;
}

export interface FinishedSpan {
  trace_id: number;
  span_id: number;
  parent_id: number;
  name: string;
  resource: string;
  service: string;
  type: string;
  start: number;
  duration: number;
  error: 0 | 1;
  meta: Record<string, string>;
  metrics: Record<string, number>;
}

/**
 * A random id in [1, 2^53): a valid uint64 that survives JSON (ours and the queue's) exactly,
 * which a full 64-bit id would not in JavaScript.
 */
export function newSpanId(random: (bytes: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): number {
  const [high, low] = random(new Uint32Array(2)) as unknown as [number, number];
  const id = (high & 0x1f_ffff) * 2 ** 32 + low;
  return id === 0 ? 1 : id;
}

export interface OpenSpan {
  readonly traceId: number;
  readonly spanId: number;
  /** Context for children of this span (undefined when telemetry is off). */
  context(): TraceContext | undefined;
  tag(key: string, value: string | number | boolean | undefined): void;
  /** Marks the span failed; DataDog shows error.type and error.message. */
  fail(type: string, message: string): void;
  /** Idempotent: the first call fixes the duration. */
  end(): void;
}

export interface SpanOptions {
  parent?: TraceContext | undefined;
  resource?: string;
  type?: 'worker' | 'http' | 'db' | 'queue' | 'custom';
  meta?: Record<string, string | number | boolean | undefined>;
}

const NS_PER_MS = 1_000_000;

/** Starts a span at `nowMs()`; `finish` receives it once when it ends. */
export function openSpan(
  name: string,
  options: SpanOptions,
  env: { service: string; nowMs: () => number; finish: (span: FinishedSpan) => void },
): OpenSpan {
  const traceId = options.parent?.traceId ?? newSpanId();
  const spanId = newSpanId();
  const startMs = env.nowMs();
  const meta: Record<string, string> = {};
  const metrics: Record<string, number> = {};
  let error: 0 | 1 = 0;
  let ended = false;
  const tag: OpenSpan['tag'] = (key, value) => {
    if (value === undefined) return;
    if (typeof value === 'number') metrics[key] = value;
    else meta[key] = String(value);
  };
  for (const [key, value] of Object.entries(options.meta ?? {})) tag(key, value);
  return {
    traceId,
    spanId,
    context: () => ({ traceId, parentId: spanId }),
    tag,
    fail(type, message) {
      error = 1;
      meta['error.type'] = type;
      meta['error.message'] = message.slice(0, 500);
    },
    end() {
      if (ended) return;
      ended = true;
      env.finish({
        trace_id: traceId,
        span_id: spanId,
        parent_id: options.parent?.parentId ?? 0,
        name,
        resource: options.resource ?? name,
        service: env.service,
        type: options.type ?? 'custom',
        start: startMs * NS_PER_MS,
        duration: Math.max(0, env.nowMs() - startMs) * NS_PER_MS,
        error,
        meta,
        metrics,
      });
    },
  };
}
