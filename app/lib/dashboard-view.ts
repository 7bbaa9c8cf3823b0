import { PLATFORMS, type Platform } from '$db/schema/enum-values';
import { type DateWindow, daysBetween, isServedDate } from '$worker/lib/dates';
import {
  COMPARISONS,
  type Comparison,
  comparisonWindow,
  presetWindow,
  RANGE_PRESET_KEYS,
  RANGE_PRESET_LABELS,
  type RangePresetKey,
} from '$worker/report/periods';

/*
 * What a dashboard shows, entirely in its URL so a view can be bookmarked and shared:
 * `?range=last-7` (a preset, relative to today when opened) or `?from=…&to=…` (fixed dates),
 * `compare=previous|last-year|none`, repeated `platform`, `account` and `campaign` filters, and
 * `currency=original` for the per-currency view (the reporting currency is the default).
 */

export type CurrencyView = 'reporting' | 'original';

export interface DashboardView {
  range: DateWindow;
  /** The preset the range comes from; null for fixed dates. */
  preset: RangePresetKey | null;
  compare: Comparison;
  /** The comparison period's dates; null without a comparison. */
  comparison: DateWindow | null;
  platforms: Platform[] | null;
  accounts: string[] | null;
  campaigns: string[] | null;
  currency: CurrencyView;
}

export const DEFAULT_PRESET: RangePresetKey = 'last-28';
export const DEFAULT_COMPARE: Comparison = 'previous';
/** The longest range a dashboard asks for; longer custom ranges fall back to the default preset. */
export const MAX_DASHBOARD_DAYS = 400;
const MAX_IDS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PRESET_OPTIONS = RANGE_PRESET_KEYS.map((key) => ({ key, label: RANGE_PRESET_LABELS[key] }));

function list<T extends string>(params: URLSearchParams, name: string, valid: (value: string) => value is T): T[] | null {
  const values = [...new Set(params.getAll(name).filter(valid))].slice(0, MAX_IDS);
  return values.length ? values : null;
}
const isPlatform = (value: string): value is Platform => (PLATFORMS as readonly string[]).includes(value);
const isId = (value: string): value is string => UUID.test(value);

/** The view a URL asks for; anything invalid falls back to the default instead of failing the page. */
export function viewFromUrl(params: URLSearchParams, timeZone: string, now: Date): DashboardView {
  const rangeParam = params.get('range') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const customValid = isServedDate(from) && isServedDate(to) && daysBetween(from, to) >= 0 && daysBetween(from, to) < MAX_DASHBOARD_DAYS;
  let preset: RangePresetKey | null = (RANGE_PRESET_KEYS as readonly string[]).includes(rangeParam) ? (rangeParam as RangePresetKey) : null;
  if (!preset && !customValid) preset = DEFAULT_PRESET;
  const range = preset ? presetWindow(preset, timeZone, now) : { from, to };
  const compareParam = params.get('compare') ?? '';
  const compare = (COMPARISONS as readonly string[]).includes(compareParam) ? (compareParam as Comparison) : DEFAULT_COMPARE;
  return {
    range,
    preset,
    compare,
    comparison: comparisonWindow(range, compare),
    platforms: list(params, 'platform', isPlatform),
    accounts: list(params, 'account', isId),
    campaigns: list(params, 'campaign', isId),
    currency: params.get('currency') === 'original' ? 'original' : 'reporting',
  };
}

/** The URL search (without `?`) of a view: presets stay relative, defaults are left out. */
export function viewSearch(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.preset) {
    if (view.preset !== DEFAULT_PRESET) params.set('range', view.preset);
  } else {
    params.set('from', view.range.from);
    params.set('to', view.range.to);
  }
  if (view.compare !== DEFAULT_COMPARE) params.set('compare', view.compare);
  for (const p of view.platforms ?? []) params.append('platform', p);
  for (const a of view.accounts ?? []) params.append('account', a);
  for (const c of view.campaigns ?? []) params.append('campaign', c);
  if (view.currency !== 'reporting') params.set('currency', view.currency);
  return params.toString();
}

/**
 * A link to `path` with the view changed by `changes` (a new preset, a filter removed…); `keep` are
 * a page's own parameters (top ads' metric and order) that the link carries along.
 */
export function viewHref(
  path: string,
  view: DashboardView,
  changes: Partial<DashboardView> = {},
  keep: Record<string, string> = {},
): string {
  const params = new URLSearchParams(viewSearch({ ...view, ...changes }));
  for (const [key, value] of Object.entries(keep)) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The query string of the report API for this view (resolved dates, every filter, the currency view). */
export function reportApiQuery(view: DashboardView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: view.range.from, to: view.range.to, compare: view.compare, currency: view.currency });
  for (const p of view.platforms ?? []) params.append('platform', p);
  for (const a of view.accounts ?? []) params.append('account', a);
  for (const c of view.campaigns ?? []) params.append('campaign', c);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The read models' request for this view. */
export function reportRequest(view: DashboardView, reportingCurrency: string) {
  return {
    from: view.range.from,
    to: view.range.to,
    compare: view.compare,
    platforms: view.platforms,
    adAccountIds: view.accounts,
    campaignIds: view.campaigns,
    currency: view.currency,
    reportingCurrency,
  };
}

/** Words for the filters, for file names and headings ("meta-google_ads", "3 accounts"). */
export function filterSlug(view: DashboardView): string {
  const parts = [view.range.from, view.range.to];
  if (view.platforms) parts.push(view.platforms.join('-'));
  if (view.accounts) parts.push(`${view.accounts.length}-accounts`);
  if (view.campaigns) parts.push(`${view.campaigns.length}-campaigns`);
  if (view.currency === 'original') parts.push('original-currency');
  return parts.join('_');
}
