import { error } from '@sveltejs/kit';
import { type DashboardView, reportRequest, viewFromUrl } from '$lib/dashboard-view';
import { readConfig, settlingDays } from '$worker/env';
import { type AdAccountCard, readAdAccountCards } from '$worker/read-models/ad-accounts';
import { freshnessOf } from '$worker/read-models/freshness';
import type { ReportRequest } from '$worker/read-models/report';
import type { TenantReadScope } from '$worker/read-models/scope';
import type { AccountFreshness } from '$worker/report/freshness';

/** What every dashboard page starts from: the view in its URL, the read models' scope and request, the accounts' freshness. */
export interface DashboardContext {
  view: DashboardView;
  scope: TenantReadScope;
  request: ReportRequest;
  accounts: AccountFreshness[];
  /** The ad-account cards the freshness came from (the overview's backfill line reads them too, instead of reading again). */
  cards: AdAccountCard[];
}

export async function loadDashboardContext(
  event: { locals: App.Locals; url: URL; platform?: App.Platform },
  tenant: { id: string; dataVersion: number; timeZone: string; reportingCurrency: string },
): Promise<DashboardContext> {
  const { locals, url, platform } = event;
  if (!platform) error(500, 'The app must run inside the Worker.');
  const now = locals.clock.now();
  const view = viewFromUrl(url.searchParams, tenant.timeZone, now);
  const scope = { db: locals.db, tenant, telemetry: locals.telemetry };
  const cards = await readAdAccountCards(scope, now);
  const accounts = freshnessOf(cards, now, settlingDays(readConfig(platform.env)));
  return { view, scope, request: reportRequest(view, tenant.reportingCurrency), accounts, cards };
}
