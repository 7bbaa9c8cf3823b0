/** Helpers for contract tests that run a connector against the local platform fakes. */
import type { DailyFact } from '../../../dev/fakes/world/types';
import type { AuthorizeParams, NormalizedDailyRow } from '../types';

export const FAKE_APP = { clientId: 'tidemark-dev', clientSecret: 'tidemark-dev-secret' };
export const FAKE_REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback';

/** Follows the fake consent dialog (auto-approve) and returns the code from the redirect. */
export async function consentCode(authorizeUrl: (p: AuthorizeParams) => string, authorizeBaseUrl: string): Promise<string> {
  const url = authorizeUrl({ authorizeBaseUrl, clientId: FAKE_APP.clientId, redirectUri: FAKE_REDIRECT_URI, state: 'contract-state' });
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`consent dialog did not redirect (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`);
  const redirect = new URL(location);
  if (redirect.searchParams.get('state') !== 'contract-state') throw new Error(`state not echoed: ${location}`);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in redirect: ${location}`);
  return code;
}

type Comparable = Omit<NormalizedDailyRow, 'extras'>;
const byKey = (a: Comparable, b: Comparable) => (a.date === b.date ? a.adId.localeCompare(b.adId) : a.date.localeCompare(b.date));

/** Connector rows without extras, sorted, for exact comparison with the world's truth. */
export function comparableRows(rows: NormalizedDailyRow[]): Comparable[] {
  return rows.map(({ extras: _extras, ...row }) => row).sort(byKey);
}

export function truthRows(facts: DailyFact[]): Comparable[] {
  return facts
    .map((f) => ({
      date: f.date,
      adId: f.adId,
      adGroupId: f.adGroupId,
      campaignId: f.campaignId,
      impressions: f.impressions,
      clicks: f.clicks,
      spendMicros: f.spendMicros,
      conversions: f.conversions,
      conversionValueMicros: f.conversionValueMicros,
    }))
    .sort(byKey);
}
