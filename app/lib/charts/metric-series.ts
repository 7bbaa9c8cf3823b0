import { MICROS_PER_UNIT } from '$worker/lib/money';
import {
  formatCount,
  formatDateRange,
  formatDay,
  formatDecimalCount,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  isoDateToUtc,
} from '../format';

/** The kinds of figure a metric chart plots; money is integer micros, ratio a plain ratio (0.0235). */
export type MetricKind = 'money' | 'count' | 'decimal' | 'ratio';

/** One day of one metric; null when it cannot be computed (a ratio over a day without its denominator). */
export interface MetricPoint {
  date: string;
  value: number | null;
}

/** A point as the chart draws it: a UTC midnight and the value in display units (major currency units, not micros). */
export interface PlotPoint {
  date: Date;
  value: number | null;
}

/** Formats a raw value of a metric for tooltips and text alternatives ("$1,234.50", "12,345", "2.35%"). */
export function formatMetric(kind: MetricKind, value: number | null, currency?: string): string {
  if (kind === 'money') return formatMoney(value, currency ?? 'USD');
  if (kind === 'count') return formatCount(value);
  if (kind === 'decimal') return formatDecimalCount(value);
  return formatPercent(value);
}

/** Formats a plotted value (display units) for an axis: compact money and counts, whole percents. */
export function formatAxis(kind: MetricKind, plotted: number, currency?: string): string {
  if (kind === 'money') return formatMoneyCompact(plotted * MICROS_PER_UNIT, currency ?? 'USD');
  if (kind === 'ratio') return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(plotted);
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(plotted);
}

/** The value the chart plots for a raw one: money in major units, everything else as it is. */
export function toPlotted(kind: MetricKind, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'money' ? value / MICROS_PER_UNIT : value;
}

/**
 * The settled and the provisional parts of a series. The provisional part repeats the last settled
 * point so the two lines join; with no provisional dates everything is settled.
 */
export function splitProvisional(
  points: PlotPoint[],
  provisionalFrom: string | undefined,
): { settled: PlotPoint[]; provisional: PlotPoint[] } {
  if (!provisionalFrom) return { settled: points, provisional: [] };
  const start = isoDateToUtc(provisionalFrom).getTime();
  const first = points.findIndex((p) => p.date.getTime() >= start);
  if (first === -1) return { settled: points, provisional: [] };
  return { settled: points.slice(0, first), provisional: points.slice(Math.max(0, first - 1)) };
}

export interface MetricDescription {
  kind: MetricKind;
  currency?: string;
  provisionalFrom?: string;
  /** Whether daily values add up to a period's value (spend, conversions); a sum of daily CPAs or CTRs means nothing. */
  additive: boolean;
  /** The comparison period's aligned days and its name ("Oct 5 – Nov 1, 2026"). */
  comparison?: { label: string; points: MetricPoint[] };
}

function knownValues(points: readonly MetricPoint[]): Array<{ date: string; value: number }> {
  return points.filter((p): p is { date: string; value: number } => p.value !== null && Number.isFinite(p.value));
}

const sumOf = (points: ReadonlyArray<{ value: number }>) => points.reduce((sum, p) => sum + p.value, 0);

/**
 * A sentence that stands in for the chart (its aria-label): the dates, the total for additive
 * metrics (and the comparison period's), and the lowest and highest day.
 */
export function describeMetric(label: string, points: MetricPoint[], options: MetricDescription): string {
  const { kind, currency, provisionalFrom, additive, comparison } = options;
  if (points.length === 0) return `${label} by day: no data.`;
  const dates = `${label} by day, ${formatDateRange(points[0]!.date, points[points.length - 1]!.date)}`;
  const known = knownValues(points);
  if (known.length === 0) return `${dates}: no values.`;
  const low = known.reduce((a, b) => (b.value < a.value ? b : a));
  const high = known.reduce((a, b) => (b.value > a.value ? b : a));
  const compared =
    additive && comparison ? ` against ${formatMetric(kind, sumOf(knownValues(comparison.points)), currency)} in ${comparison.label}` : '';
  const parts = [
    additive ? `total ${formatMetric(kind, sumOf(known), currency)}${compared}` : null,
    `lowest ${formatMetric(kind, low.value, currency)} on ${formatDay(low.date)}`,
    `highest ${formatMetric(kind, high.value, currency)} on ${formatDay(high.date)}`,
  ].filter(Boolean);
  const note =
    provisionalFrom && points.some((p) => p.date >= provisionalFrom) ? ` Days from ${formatDay(provisionalFrom)} are provisional.` : '';
  return `${dates}: ${parts.join(', ')}.${note}`;
}
