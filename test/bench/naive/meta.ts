/**
 * NAIVE Meta client, for the call-economy benchmark only: one GET /{campaign_id}/insights per
 * campaign and per day (level=ad), instead of one account-level request over the whole window.
 * Same fields, filtering and mapping as the connector, so the rows must come out identical.
 */
import { createHttpSession, type HttpOutcome, joinUrl } from '../../../worker/connectors/http';
import {
  META_API_VERSION,
  type MetaInsightsPage,
  type MetaInsightsRow,
  metaInsightsPageSchema,
} from '../../../worker/connectors/meta/api-types';
import { createMetaClient, metaInsightsParams } from '../../../worker/connectors/meta/client';
import { mapMetaDailyRow } from '../../../worker/connectors/meta/mapper';
import { bareAccountId } from '../../../worker/connectors/meta/sync';
import type { SyncInput } from '../../../worker/connectors/types';
import { eachDate } from '../../../worker/lib/dates';
import { type NaiveResult, naiveFailure } from './result';

export async function naiveMetaSync(input: SyncInput): Promise<NaiveResult> {
  const session = createHttpSession(input.http);
  const headers = { authorization: `Bearer ${input.credentials.accessToken}` };
  const campaigns = await createMetaClient({ session, accessToken: input.credentials.accessToken }).campaigns(
    bareAccountId(input.account.externalId),
  );
  if (!campaigns.ok) throw naiveFailure('campaigns', campaigns.failure);

  const insights: MetaInsightsRow[] = [];
  for (const campaign of campaigns.items) {
    for (const date of eachDate(input.window)) {
      const query = new URLSearchParams(metaInsightsParams({ from: date, to: date })).toString();
      let next: string | undefined = joinUrl(input.http.baseUrl, `/${META_API_VERSION}/${campaign.id}/insights?${query}`);
      while (next) {
        const page: HttpOutcome<MetaInsightsPage> = await session.request({ url: next, headers, schema: metaInsightsPageSchema });
        if (!page.ok) throw naiveFailure(`insights of campaign ${campaign.id} on ${date}`, page.failure);
        insights.push(...page.body.data);
        next = page.body.paging?.next;
      }
    }
  }
  return { rows: insights.map(mapMetaDailyRow), apiCalls: session.apiCalls };
}
