/**
 * Meta's rate-limit headers → UsageSignals. Every header value is a JSON-encoded string;
 * a malformed one is ignored rather than failing a sync that otherwise worked.
 */
import type { z } from 'zod';
import type { MetaUseCase, UsageSignal } from '../types';
import { metaAdAccountUsageSchema, metaAppUsageSchema, metaBusinessUseCaseUsageSchema, metaInsightsThrottleSchema } from './api-types';

function readHeader<T>(headers: Headers, name: string, schema: z.ZodType<T>): T | null {
  const raw = headers.get(name);
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const highest = (...values: (number | undefined)[]) => Math.max(0, ...values.filter((v): v is number => v !== undefined));

/** The BUC types a sync spends; other types (custom_audience, pages…) are read as the account's. */
function asUseCase(type: string | undefined): MetaUseCase | undefined {
  return type === 'ads_insights' || type === 'ads_management' ? type : undefined;
}

/** Every usage reading in one response's headers. */
export function parseMetaUsageHeaders(headers: Headers): UsageSignal[] {
  const signals: UsageSignal[] = [];
  const signal = (
    scope: UsageSignal['scope'],
    source: string,
    utilPct: number,
    regainAccessMinutes: number | null,
    resetSeconds?: number,
    useCase?: MetaUseCase,
  ) =>
    signals.push({
      platform: 'meta',
      scope,
      source,
      utilPct,
      regainAccessMinutes,
      ...(resetSeconds !== undefined ? { resetSeconds } : {}),
      ...(useCase ? { useCase } : {}),
    });

  const buc = readHeader(headers, 'x-business-use-case-usage', metaBusinessUseCaseUsageSchema);
  for (const entries of Object.values(buc ?? {})) {
    for (const entry of entries) {
      signal(
        'account',
        `x-business-use-case-usage:${entry.type ?? 'unknown'}`,
        highest(entry.call_count, entry.total_cputime, entry.total_time),
        entry.estimated_time_to_regain_access ?? null,
        undefined,
        asUseCase(entry.type),
      );
    }
  }
  const adAccount = readHeader(headers, 'x-ad-account-usage', metaAdAccountUsageSchema);
  if (adAccount?.acc_id_util_pct !== undefined) {
    signal('account', 'x-ad-account-usage', adAccount.acc_id_util_pct, null, adAccount.reset_time_duration);
  }

  const app = readHeader(headers, 'x-app-usage', metaAppUsageSchema);
  if (app) signal('app', 'x-app-usage', highest(app.call_count, app.total_cputime, app.total_time), null);

  const throttle = readHeader(headers, 'x-fb-ads-insights-throttle', metaInsightsThrottleSchema);
  if (throttle?.app_id_util_pct !== undefined) signal('app', 'x-fb-ads-insights-throttle', throttle.app_id_util_pct, null);
  if (throttle?.acc_id_util_pct !== undefined)
    signal('account', 'x-fb-ads-insights-throttle', throttle.acc_id_util_pct, null, undefined, 'ads_insights');
  return signals;
}

/** The longest "blocked for N minutes" hint in a set of signals, as milliseconds (null when none). */
export function regainAccessMs(signals: UsageSignal[]): number | null {
  const minutes = Math.max(0, ...signals.map((s) => s.regainAccessMinutes ?? 0));
  return minutes > 0 ? minutes * 60_000 : null;
}

/** Keeps the latest reading per (scope, source): budgets care about the current level, not history. */
export function latestUsage(signals: UsageSignal[]): UsageSignal[] {
  const latest = new Map<string, UsageSignal>();
  for (const s of signals) latest.set(`${s.scope}|${s.source}`, s);
  return [...latest.values()];
}
