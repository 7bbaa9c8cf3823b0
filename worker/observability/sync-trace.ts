/**
 * One sync job as DataDog sees it: a `sync.job` span joined to the cron's trace (the message
 * carries it), child spans for admission, token, every platform HTTP call, the transaction and
 * the publish, the per-sync metrics, and a log line when it fails.
 */

import { loggableErrorMessage } from '../../db/query-errors';
import type { Platform } from '../../db/schema/enum-values';
import type { ConnectorError, UsageSignal } from '../connectors/types';
import type { SyncAction } from '../jobs/actions';
import type { SyncMessage } from '../jobs/messages';
import type { OpenSpan, TraceContext } from './spans';
import type { Telemetry } from './telemetry';

export type SyncStep = 'admission' | 'token' | 'transaction' | 'publish';

export interface SyncTrace {
  /** The job's fetch: one span per HTTP call, under the step that is running (token) or the job. */
  wrapFetch(base: typeof fetch): typeof fetch;
  /** The account is known: its platform tags the job's metrics and spans. */
  account(platform: Platform): void;
  step<T>(name: SyncStep, run: () => Promise<T>): Promise<T>;
  /** A step that ends somewhere inside other work (the token step ends when the connector starts). */
  begin(name: SyncStep): OpenSpan;
  usage(signals: UsageSignal[]): void;
  failed(error: ConnectorError): void;
  finish(summary: { action: SyncAction; rows: number; apiCalls: number }): void;
  crashed(error: unknown): void;
}

/** Which sync outcome a job's metrics count: the platform's error kind when it failed, else what the consumer does next. */
export function syncOutcome(action: SyncAction, failure: ConnectorError['kind'] | undefined): string {
  if (failure) return failure;
  if (action.kind === 'done' || (action.kind === 'defer' && action.reason === 'continuation')) return 'ok';
  if (action.kind === 'defer') return 'deferred';
  if (action.kind === 'drop') return 'dropped';
  if (action.kind === 'reauth') return 'auth_failed';
  return 'transient';
}

/** An HTTP call as a span resource: method, host and path with long numbers elided, never the query (it can carry tokens). */
export function requestResource(method: string, url: URL): string {
  return `${method} ${url.host}${url.pathname.replace(/\d{3,}/g, '?')}`;
}

export function startSyncTrace(telemetry: Telemetry, message: SyncMessage, nowMs: () => number = Date.now): SyncTrace {
  const startedMs = nowMs();
  let platform: Platform | undefined;
  let failure: ConnectorError['kind'] | undefined;
  let active: OpenSpan | undefined;
  const job = telemetry.startSpan('sync.job', {
    parent: message.trace,
    resource: `sync ${message.lane}`,
    type: 'worker',
    meta: { tenant: message.tenantId, ad_account: message.adAccountId, lane: message.lane, window: `${message.from}..${message.to}` },
  });
  const tags = () => ({ platform: platform ?? 'unknown', lane: message.lane, tenant: message.tenantId });
  const child = (name: string, parent: TraceContext | undefined, meta: Record<string, string> = {}) =>
    telemetry.startSpan(name, { parent, resource: name, meta: { ...meta, ...(platform ? { platform } : {}) } });

  return {
    wrapFetch(base) {
      if (!telemetry.enabled) return base;
      return async (input, init) => {
        // Read without building a Request: that would consume a streamed body the real call still needs.
        const url = new URL(input instanceof Request ? input.url : String(input));
        const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
        const span = telemetry.startSpan('http.request', {
          parent: (active ?? job).context(),
          resource: requestResource(method, url),
          type: 'http',
          meta: { 'http.method': method, 'http.url': `${url.origin}${url.pathname}`, platform },
        });
        try {
          const response = await base(input, init);
          span.tag('http.status_code', String(response.status));
          if (response.status >= 400) span.fail(`http_${response.status}`, `${method} answered ${response.status}`);
          return response;
        } catch (error) {
          span.fail('network', (error as Error).message);
          throw error;
        } finally {
          span.end();
        }
      };
    },
    account(value) {
      platform = value;
      job.tag('platform', value);
    },
    begin(name) {
      const span = child(name, job.context());
      active = span;
      return {
        ...span,
        end() {
          if (active === span) active = undefined;
          span.end();
        },
      };
    },
    async step(name, run) {
      const span = child(name, job.context());
      try {
        return await run();
      } catch (error) {
        span.fail('exception', loggableErrorMessage(error));
        throw error;
      } finally {
        span.end();
      }
    },
    usage(signals) {
      for (const signal of signals) {
        telemetry.gauge('tidemark.ratelimit.utilization', signal.utilPct, {
          platform: signal.platform,
          tenant: message.tenantId,
          ad_account: message.adAccountId,
          scope: signal.scope,
        });
      }
    },
    failed(error) {
      failure = error.kind;
      job.fail(error.kind, error.message);
      telemetry.log(error.kind === 'rate_limited' ? 'warn' : 'error', `sync failed: ${error.kind}`, {
        event: 'sync failed',
        error_kind: error.kind,
        error: error.message.slice(0, 500),
        tenant: message.tenantId,
        ad_account: message.adAccountId,
        platform: platform ?? 'unknown',
        lane: message.lane,
        window_from: message.from,
        window_to: message.to,
        'dd.trace_id': String(job.traceId),
        'dd.span_id': String(job.spanId),
      });
    },
    finish({ action, rows, apiCalls }) {
      const outcome = syncOutcome(action, failure);
      telemetry.count('tidemark.sync.runs', 1, { ...tags(), outcome });
      telemetry.gauge('tidemark.sync.duration', nowMs() - startedMs, { ...tags(), outcome });
      telemetry.count('tidemark.sync.rows', rows, tags());
      telemetry.count('tidemark.sync.api_calls', apiCalls, tags());
      const lagSeconds = (startedMs - Date.parse(message.enqueuedAt)) / 1000;
      if (Number.isFinite(lagSeconds)) telemetry.gauge('tidemark.sync.queue_lag', Math.max(0, lagSeconds), tags());
      if (action.kind === 'defer') telemetry.count('tidemark.sync.deferrals', 1, { ...tags(), reason: action.reason });
      job.tag('outcome', outcome);
      job.tag('rows', rows);
      job.tag('api_calls', apiCalls);
      job.end();
    },
    crashed(error) {
      const message_ = loggableErrorMessage(error);
      job.fail('crash', message_);
      telemetry.count('tidemark.sync.runs', 1, { ...tags(), outcome: 'crashed' });
      telemetry.log('error', 'sync crashed', {
        event: 'sync crashed',
        error: message_.slice(0, 500),
        tenant: message.tenantId,
        ad_account: message.adAccountId,
        platform: platform ?? 'unknown',
        lane: message.lane,
        'dd.trace_id': String(job.traceId),
        'dd.span_id': String(job.spanId),
      });
      job.end();
    },
  };
}
