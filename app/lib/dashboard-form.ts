import type { DashboardView } from './dashboard-view';

/*
 * The filter bar's forms are plain GET forms (they work before JavaScript loads, and SvelteKit turns
 * them into client-side navigations after): each carries the parts of the view it does not edit as
 * hidden fields, so submitting one keeps the others.
 */

export type ViewPart = 'range' | 'compare' | 'filters' | 'currency';

/** Hidden [name, value] pairs for every part of the view except `editing` (null: the whole view, for a page's own form). */
export function hiddenFields(view: DashboardView, editing: ViewPart | null): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  if (editing !== 'range') {
    if (view.preset) fields.push(['range', view.preset]);
    else fields.push(['from', view.range.from], ['to', view.range.to]);
  }
  if (editing !== 'compare') fields.push(['compare', view.compare]);
  if (editing !== 'filters') {
    for (const p of view.platforms ?? []) fields.push(['platform', p]);
    for (const a of view.accounts ?? []) fields.push(['account', a]);
    for (const c of view.campaigns ?? []) fields.push(['campaign', c]);
  }
  if (editing !== 'currency') fields.push(['currency', view.currency]);
  return fields;
}

/** How many filters narrow the view (for the "Filters (2)" button). */
export function activeFilterCount(view: DashboardView): number {
  return (view.platforms?.length ?? 0) + (view.accounts?.length ?? 0) + (view.campaigns?.length ?? 0);
}
