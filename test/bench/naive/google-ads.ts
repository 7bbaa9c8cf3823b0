/**
 * NAIVE Google Ads client, for the call-economy benchmark only: one googleAds:search per campaign
 * per day (WHERE campaign.id = X AND segments.date = 'D'), instead of one searchStream per window.
 * Same selected fields and mapping as the connector, so the rows must come out identical.
 */

import { GOOGLE_ADS_API_VERSION, type GoogleAdsRow, googleAdsSearchPageSchema } from '../../../worker/connectors/google-ads/api-types';
import { customerDigits } from '../../../worker/connectors/google-ads/client';
import { adPerformanceQuery } from '../../../worker/connectors/google-ads/gaql';
import { mapGoogleAdsDailyRow } from '../../../worker/connectors/google-ads/mapper';
import { createHttpSession, type HttpSession, joinUrl } from '../../../worker/connectors/http';
import type { SyncInput } from '../../../worker/connectors/types';
import { eachDate } from '../../../worker/lib/dates';
import { type NaiveResult, naiveFailure } from './result';

/** Every page of one search (further pages are more HTTP calls, though Google bills only the first). */
async function searchAll(session: HttpSession, input: SyncInput, query: string): Promise<GoogleAdsRow[]> {
  const { externalId, managerExternalId } = input.account;
  const headers: Record<string, string> = {
    authorization: `Bearer ${input.credentials.accessToken}`,
    'content-type': 'application/json',
    ...(input.credentials.developerToken ? { 'developer-token': input.credentials.developerToken } : {}),
    ...(managerExternalId ? { 'login-customer-id': customerDigits(managerExternalId) } : {}),
  };
  const url = joinUrl(input.http.baseUrl, `/${GOOGLE_ADS_API_VERSION}/customers/${customerDigits(externalId)}/googleAds:search`);
  const rows: GoogleAdsRow[] = [];
  let pageToken: string | undefined;
  do {
    const body = JSON.stringify(pageToken ? { query, pageToken } : { query });
    const page = await session.request({ method: 'POST', url, headers, body, schema: googleAdsSearchPageSchema });
    if (!page.ok) throw naiveFailure(`search ${query.slice(-80)}`, page.failure);
    rows.push(...(page.body.results ?? []));
    pageToken = page.body.nextPageToken;
  } while (pageToken);
  return rows;
}

export async function naiveGoogleAdsSync(input: SyncInput): Promise<NaiveResult> {
  const session = createHttpSession(input.http);
  const campaigns = await searchAll(session, input, 'SELECT campaign.id FROM campaign');
  const select = adPerformanceQuery(input.window).split(' WHERE ')[0];
  const rows: GoogleAdsRow[] = [];
  for (const campaign of campaigns) {
    for (const date of eachDate(input.window)) {
      rows.push(
        ...(await searchAll(session, input, `${select} WHERE campaign.id = ${campaign.campaign?.id} AND segments.date = '${date}'`)),
      );
    }
  }
  return { rows: rows.map(mapGoogleAdsDailyRow), apiCalls: session.apiCalls };
}
