import type { CollectedBatch, DropCounts } from './collector';
import { type IntakeTags, logsPayload, seriesPayload, tracesPayload } from './intake';

/** Where and how a batch goes: DataDog's hosts (the fake locally), the API key, a short timeout. */
export interface IntakeTarget extends IntakeTags {
  apiKey: string;
  seriesBase: string;
  logsBase: string;
  /** A trace intake (Agent-compatible API); traces are not sent when unset. */
  traceBase: string | undefined;
  timeoutMs: number;
  fetch: typeof fetch;
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** Resolves with false on any failure (status, network, timeout); never throws, never waits past the timeout. */
async function send(target: IntakeTarget, method: 'POST' | 'PUT', url: string, body: unknown, headers: Record<string, string> = {}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), target.timeoutMs);
  });
  const attempt = (async () => {
    try {
      const res = await target.fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'dd-api-key': target.apiKey, ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(target.timeoutMs),
      });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one batch to the three intakes at once; returns what did not get through. */
export async function flushBatch(batch: CollectedBatch, target: IntakeTarget): Promise<DropCounts> {
  const dropped: DropCounts = { series: 0, span: 0, log: 0 };
  const jobs: Promise<void>[] = [];
  if (batch.series.length) {
    const points = batch.series.reduce((n, s) => n + s.points.length, 0);
    jobs.push(
      send(target, 'POST', join(target.seriesBase, '/api/v2/series'), seriesPayload(batch, target)).then((ok) => {
        if (!ok) dropped.series += points;
      }),
    );
  }
  if (batch.logs.length) {
    jobs.push(
      send(target, 'POST', join(target.logsBase, '/api/v2/logs'), logsPayload(batch, target)).then((ok) => {
        if (!ok) dropped.log += batch.logs.length;
      }),
    );
  }
  if (batch.spans.length && target.traceBase) {
    const traces = tracesPayload(batch, target);
    jobs.push(
      send(target, 'PUT', join(target.traceBase, '/v0.3/traces'), traces, { 'x-datadog-trace-count': String(traces.length) }).then((ok) => {
        if (!ok) dropped.span += batch.spans.length;
      }),
    );
  }
  await Promise.all(jobs);
  return dropped;
}
