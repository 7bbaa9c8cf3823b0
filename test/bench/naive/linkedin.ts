/**
 * NAIVE LinkedIn client, for the call-economy benchmark only: one adAnalytics q=analytics request
 * (pivot CREATIVE) per LinkedIn campaign per day, instead of q=statistics over the window with
 * 20 campaign URNs per request. Same metrics and mapping as the connector, so the rows must match.
 */
import { createHttpSession, joinUrl } from '../../../worker/connectors/http';
import {
  LINKEDIN_API_VERSION,
  linkedInAnalyticsResponseSchema,
  RESTLI_PROTOCOL_VERSION,
} from '../../../worker/connectors/linkedin/api-types';
import { createLinkedInClient, LINKEDIN_ANALYTICS_FIELDS } from '../../../worker/connectors/linkedin/client';
import { mapCampaignGroups, mapLinkedInDailyRow } from '../../../worker/connectors/linkedin/mapper';
import { restliDateRange, restliQuery, restliUrnList, urn } from '../../../worker/connectors/linkedin/restli';
import type { NormalizedDailyRow, SyncInput } from '../../../worker/connectors/types';
import { eachDate } from '../../../worker/lib/dates';
import { type NaiveResult, naiveFailure } from './result';

export async function naiveLinkedInSync(input: SyncInput): Promise<NaiveResult> {
  const session = createHttpSession(input.http);
  const campaigns = await createLinkedInClient({ session, accessToken: input.credentials.accessToken }).campaigns(input.account.externalId);
  if (!campaigns.ok) throw naiveFailure('adCampaigns', campaigns.failure);
  const groupOf = mapCampaignGroups(campaigns.items);
  const headers = {
    authorization: `Bearer ${input.credentials.accessToken}`,
    'linkedin-version': LINKEDIN_API_VERSION,
    'x-restli-protocol-version': RESTLI_PROTOCOL_VERSION,
  };

  const rows: NormalizedDailyRow[] = [];
  for (const campaignId of groupOf.keys()) {
    for (const date of eachDate(input.window)) {
      const query = restliQuery([
        ['q', 'analytics'],
        ['pivot', 'CREATIVE'],
        ['timeGranularity', 'DAILY'],
        ['dateRange', restliDateRange({ from: date, to: date })],
        ['campaigns', restliUrnList([urn.campaign(campaignId)])],
        ['fields', LINKEDIN_ANALYTICS_FIELDS.join(',')],
      ]);
      const answer = await session.request({
        url: joinUrl(input.http.baseUrl, `/rest/adAnalytics?${query}`),
        headers,
        schema: linkedInAnalyticsResponseSchema,
      });
      if (!answer.ok) throw naiveFailure(`adAnalytics of campaign ${campaignId} on ${date}`, answer.failure);
      // One pivot only: the campaign is the one asked for, so add its URN for the shared mapper.
      for (const element of answer.body.elements) {
        rows.push(mapLinkedInDailyRow({ ...element, pivotValues: [...element.pivotValues, urn.campaign(campaignId)] }, groupOf));
      }
    }
  }
  return { rows, apiCalls: session.apiCalls };
}
