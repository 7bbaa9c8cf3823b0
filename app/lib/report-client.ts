import { type DashboardView, reportApiQuery } from './dashboard-view';
import type { WidgetDependency } from './live-updates';

/** The report API widgets a page can refetch on its own (GET /api/tenants/:t/report/<widget>). */
export type ReportWidget = 'totals' | 'by-day' | 'by-platform' | 'by-account' | 'campaigns' | 'ad-groups' | 'ads' | 'freshness';

/** Fetches one widget's answer for the page's view, as the page's load read it. */
export async function fetchWidget<T>(
  tenantId: string,
  widget: ReportWidget,
  view: DashboardView,
  extra: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`/api/tenants/${tenantId}/report/${widget}?${reportApiQuery(view, extra)}`, {
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`${widget}: ${res.status}`);
  return (await res.json()) as T;
}

/**
 * What the page's widgets depend on: the range and the comparison period (new numbers in either
 * change them), and the platforms and accounts the filters keep (null: all).
 */
export function widgetDependencies(view: DashboardView, widgets: readonly ReportWidget[]): WidgetDependency[] {
  const from = view.comparison && view.comparison.from < view.range.from ? view.comparison.from : view.range.from;
  return widgets.map((key) => ({
    key,
    range: key === 'freshness' ? null : { from, to: view.range.to },
    platforms: view.platforms,
    adAccountIds: view.accounts,
  }));
}
