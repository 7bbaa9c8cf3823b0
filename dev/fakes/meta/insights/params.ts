import { addDays, addMonths, endOfMonth, isIsoDate, startOfMonth, weekday } from '../dates';
import { metaErrors } from '../errors';
import {
  ATTRIBUTION_WINDOWS,
  type AttributionWindow,
  BREAKDOWNS,
  type Breakdown,
  DEFAULT_INSIGHTS_FIELDS,
  EFFECTIVE_STATUSES,
  type InsightsField,
  isInsightsField,
  RETIRED_WINDOWS,
} from './fields';

export type Level = 'account' | 'campaign' | 'adset' | 'ad';
export const LEVELS: readonly Level[] = ['account', 'campaign', 'adset', 'ad'];

export type TimeIncrement = { kind: 'days'; days: number } | { kind: 'monthly' } | { kind: 'all_days' };

export type FilterField =
  | 'ad.effective_status'
  | 'adset.effective_status'
  | 'campaign.effective_status'
  | 'ad.id'
  | 'adset.id'
  | 'campaign.id';
const FILTER_FIELDS: readonly FilterField[] = [
  'ad.effective_status',
  'adset.effective_status',
  'campaign.effective_status',
  'ad.id',
  'adset.id',
  'campaign.id',
];
export type FilterOperator = 'IN' | 'NOT_IN' | 'EQUAL' | 'NOT_EQUAL';
const FILTER_OPERATORS: readonly FilterOperator[] = ['IN', 'NOT_IN', 'EQUAL', 'NOT_EQUAL'];

export interface InsightsFilter {
  field: FilterField;
  operator: FilterOperator;
  values: string[];
}

export interface InsightsQuery {
  level: Level;
  fields: InsightsField[];
  since: string;
  until: string;
  timeIncrement: TimeIncrement;
  breakdowns: Breakdown[];
  filters: InsightsFilter[];
  /** Requested windows that are still returned (retired view windows dropped). */
  windows: AttributionWindow[];
}

/** Parameters an insights edge understands besides paging and auth. */
export const INSIGHTS_PARAMS = [
  'fields',
  'level',
  'time_range',
  'date_preset',
  'time_increment',
  'breakdowns',
  'filtering',
  'action_attribution_windows',
  'action_breakdowns',
  'action_report_time',
  'use_unified_attribution_setting',
  'use_account_attribution_setting',
  'limit',
  'after',
  'before',
] as const;

const RETENTION_MONTHS = 37;

/** Parses and validates an insights request; `today` is the account-local date, `nodeLevel` the level of the queried object. */
export function parseInsightsQuery(params: Map<string, string>, today: string, nodeLevel: Level): InsightsQuery {
  const level = parseLevel(params.get('level'), nodeLevel);
  const fields = parseFields(params.get('fields'));
  const { since, until } = parseDates(params, today);
  if (since < addMonths(today, -RETENTION_MONTHS)) throw metaErrors.retentionExceeded();
  return {
    level,
    fields,
    since,
    until,
    timeIncrement: parseTimeIncrement(params.get('time_increment')),
    breakdowns: parseBreakdowns(params.get('breakdowns')),
    filters: parseFiltering(params.get('filtering')),
    windows: parseWindows(params.get('action_attribution_windows')),
    ...validateModifiers(params),
  };
}

function parseLevel(raw: string | undefined, nodeLevel: Level): Level {
  if (raw === undefined) return nodeLevel;
  if (!(LEVELS as readonly string[]).includes(raw))
    throw metaErrors.invalidParameter(`param level must be one of {ad, adset, campaign, account}`);
  return raw as Level;
}

function parseFields(raw: string | undefined): InsightsField[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_INSIGHTS_FIELDS];
  const names = raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const name of names) if (!isInsightsField(name)) throw metaErrors.invalidInsightsField(name);
  return [...new Set(names)] as InsightsField[];
}

/** SDKs send list and dict params JSON-encoded; bare comma lists are accepted too, as Graph does. */
function parseList(raw: string, param: string): string[] {
  const text = raw.trim();
  if (text.startsWith('[')) {
    const parsed = parseJson(text, param);
    if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'string'))
      throw metaErrors.invalidParameter(`param ${param} must be an array of strings`);
    return parsed;
  }
  return text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function parseJson(text: string, param: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw metaErrors.invalidParameter(`param ${param} must be JSON`);
  }
}

function parseDates(params: Map<string, string>, today: string): { since: string; until: string } {
  const range = params.get('time_range');
  if (range !== undefined) {
    const parsed = parseJson(range, 'time_range') as { since?: unknown; until?: unknown } | null;
    const since = parsed?.since;
    const until = parsed?.until;
    if (
      typeof since !== 'string' ||
      typeof until !== 'string' ||
      !isIsoDate(since) ||
      !isIsoDate(until) ||
      Object.keys(parsed!).length !== 2
    )
      throw metaErrors.invalidParameter('param time_range must be a JSON object {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}');
    if (since > until) throw metaErrors.invalidParameter('time_range: since must be on or before until');
    return { since, until };
  }
  return resolveDatePreset(params.get('date_preset') ?? 'last_30d', today);
}

/** Meta's presets, relative to the account-local today; "last_Nd" ends yesterday. */
export function resolveDatePreset(preset: string, today: string): { since: string; until: string } {
  const yesterday = addDays(today, -1);
  const lastDays = /^last_(3|7|14|28|30|90)d$/.exec(preset);
  if (lastDays) return { since: addDays(today, -Number(lastDays[1])), until: yesterday };
  const quarterStart = (d: string) => `${d.slice(0, 5)}${String(Math.floor((Number(d.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const mondayOf = (d: string) => addDays(d, -((weekday(d) + 6) % 7));
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: yesterday, until: yesterday };
    case 'this_month':
      return { since: startOfMonth(today), until: today };
    case 'last_month': {
      const start = addMonths(startOfMonth(today), -1);
      return { since: start, until: endOfMonth(start) };
    }
    case 'this_quarter':
      return { since: quarterStart(today), until: today };
    case 'last_quarter': {
      const start = addMonths(quarterStart(today), -3);
      return { since: start, until: addDays(quarterStart(today), -1) };
    }
    case 'this_year':
      return { since: `${today.slice(0, 4)}-01-01`, until: today };
    case 'last_year': {
      const year = Number(today.slice(0, 4)) - 1;
      return { since: `${year}-01-01`, until: `${year}-12-31` };
    }
    case 'this_week_mon_today':
      return { since: mondayOf(today), until: today };
    case 'last_week_mon_sun': {
      const monday = addDays(mondayOf(today), -7);
      return { since: monday, until: addDays(monday, 6) };
    }
    case 'maximum':
      return { since: addMonths(today, -RETENTION_MONTHS), until: today };
    default:
      throw metaErrors.invalidParameter(
        `param date_preset must be one of {today, yesterday, this_month, last_month, this_quarter, maximum, last_3d, last_7d, last_14d, last_28d, last_30d, last_90d, last_week_mon_sun, this_week_mon_today, last_quarter, last_year, this_year}`,
      );
  }
}

function parseTimeIncrement(raw: string | undefined): TimeIncrement {
  if (raw === undefined || raw === 'all_days') return { kind: 'all_days' };
  if (raw === 'monthly') return { kind: 'monthly' };
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 90)
    throw metaErrors.invalidParameter('param time_increment must be an integer between 1 and 90, "monthly" or "all_days"');
  return { kind: 'days', days };
}

function parseBreakdowns(raw: string | undefined): Breakdown[] {
  if (raw === undefined) return [];
  const names = parseList(raw, 'breakdowns');
  for (const name of names)
    if (!(BREAKDOWNS as readonly string[]).includes(name))
      throw metaErrors.invalidParameter(
        `breakdowns[${names.indexOf(name)}] must be one of the following values: ${BREAKDOWNS.join(', ')} (the breakdowns this fake serves)`,
      );
  const unique = [...new Set(names)] as Breakdown[];
  if (unique.includes('hourly_stats_aggregated_by_advertiser_time_zone') && unique.length > 1)
    throw metaErrors.invalidBreakdownCombination();
  return unique;
}

function parseFiltering(raw: string | undefined): InsightsFilter[] {
  if (raw === undefined) return [];
  const parsed = parseJson(raw, 'filtering');
  if (!Array.isArray(parsed)) throw metaErrors.invalidParameter('param filtering must be an array of filter objects');
  return parsed.map((entry: unknown) => {
    const { field, operator, value } = (entry ?? {}) as { field?: unknown; operator?: unknown; value?: unknown };
    if (typeof field !== 'string' || !(FILTER_FIELDS as readonly string[]).includes(field))
      throw metaErrors.invalidParameter(`Filtering field '${String(field)}' is invalid. Supported here: ${FILTER_FIELDS.join(', ')}`);
    if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator))
      throw metaErrors.invalidParameter(
        `Filtering operator '${String(operator)}' is invalid. Supported here: ${FILTER_OPERATORS.join(', ')}`,
      );
    const list = operator === 'IN' || operator === 'NOT_IN';
    const values = list ? value : [value];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
      throw metaErrors.invalidParameter(`Filtering value for ${field} ${operator} must be ${list ? 'an array of strings' : 'a string'}`);
    if (field.endsWith('effective_status'))
      for (const status of values as string[])
        if (!(EFFECTIVE_STATUSES as readonly string[]).includes(status))
          throw metaErrors.invalidParameter(
            `Filtering value '${status}' is invalid for ${field}. Allowed: ${EFFECTIVE_STATUSES.join(', ')}`,
          );
    return { field: field as FilterField, operator: operator as FilterOperator, values: values as string[] };
  });
}

function parseWindows(raw: string | undefined): AttributionWindow[] {
  if (raw === undefined) return [];
  const names = parseList(raw, 'action_attribution_windows');
  for (const name of names)
    if (!(ATTRIBUTION_WINDOWS as readonly string[]).includes(name))
      throw metaErrors.invalidParameter(
        `action_attribution_windows[${names.indexOf(name)}] must be one of the following values: ${ATTRIBUTION_WINDOWS.join(', ')}`,
      );
  return ATTRIBUTION_WINDOWS.filter((w) => names.includes(w) && !RETIRED_WINDOWS.includes(w));
}

/** Accepted modifiers that do not change the fake's numbers; anything outside their vocabulary fails. */
function validateModifiers(params: Map<string, string>): Record<string, never> {
  const actionBreakdowns = params.get('action_breakdowns');
  if (actionBreakdowns !== undefined) {
    const names = parseList(actionBreakdowns, 'action_breakdowns');
    if (names.some((n) => n !== 'action_type'))
      throw metaErrors.invalidParameter(
        'action_breakdowns: this fake serves only action_type (the default); action_target_id/action_destination are not modelled',
      );
  }
  const reportTime = params.get('action_report_time');
  if (reportTime !== undefined && !['impression', 'conversion', 'mixed'].includes(reportTime))
    throw metaErrors.invalidParameter('param action_report_time must be one of {impression, conversion, mixed}');
  for (const flag of ['use_unified_attribution_setting', 'use_account_attribution_setting']) {
    const value = params.get(flag);
    if (value !== undefined && !['true', 'false', '1', '0'].includes(value))
      throw metaErrors.invalidParameter(`param ${flag} must be a boolean`);
  }
  return {};
}
