/** Google Ads REST requests: searchStream per customer and the accessible-customers list. */
import { type HttpFailure, type HttpSession, joinUrl } from '../http';
import type { Credentials } from '../types';
import {
  GOOGLE_ADS_API_VERSION,
  type GoogleAdsError,
  type GoogleAdsRow,
  googleAdsAccessibleCustomersSchema,
  googleAdsSearchStreamSchema,
} from './api-types';

export type StreamOutcome =
  | { ok: true; rows: GoogleAdsRow[] }
  | { ok: false; failure: HttpFailure }
  /** HTTP 200 whose stream carried an error element after (or instead of) results. */
  | { ok: false; streamError: GoogleAdsError; status: number };

/** Customer ids are sent as bare digits ("123-456-7890" → "1234567890"). */
export const customerDigits = (id: string) => id.replace(/\D/g, '');

export interface GoogleAdsClient {
  searchStream(customerId: string, query: string, loginCustomerId?: string): Promise<StreamOutcome>;
  listAccessibleCustomers(): Promise<{ ok: true; customerIds: string[] } | { ok: false; failure: HttpFailure }>;
}

/** Requests with Bearer token, optional developer-token and login-customer-id headers. */
export function createGoogleAdsClient(options: { session: HttpSession; credentials: Credentials }): GoogleAdsClient {
  const { session, credentials } = options;
  const headers = (loginCustomerId?: string): Record<string, string> => ({
    authorization: `Bearer ${credentials.accessToken}`,
    'content-type': 'application/json',
    ...(credentials.developerToken ? { 'developer-token': credentials.developerToken } : {}),
    ...(loginCustomerId ? { 'login-customer-id': customerDigits(loginCustomerId) } : {}),
  });
  const url = (path: string) => joinUrl(session.config.baseUrl, `/${GOOGLE_ADS_API_VERSION}/${path}`);

  return {
    async searchStream(customerId, query, loginCustomerId) {
      const outcome = await session.request({
        method: 'POST',
        url: url(`customers/${customerDigits(customerId)}/googleAds:searchStream`),
        headers: headers(loginCustomerId),
        body: JSON.stringify({ query }),
        idempotent: true,
        schema: googleAdsSearchStreamSchema,
      });
      if (!outcome.ok) return outcome;
      const failed = outcome.body.find((batch) => batch.error);
      if (failed?.error) return { ok: false, streamError: failed.error, status: outcome.status };
      return { ok: true, rows: outcome.body.flatMap((batch) => batch.results ?? []) };
    },
    async listAccessibleCustomers() {
      const outcome = await session.request({
        url: url('customers:listAccessibleCustomers'),
        headers: headers(),
        schema: googleAdsAccessibleCustomersSchema,
      });
      if (!outcome.ok) return outcome;
      return { ok: true, customerIds: outcome.body.resourceNames.map((name) => name.replace(/^customers\//, '')) };
    },
  };
}
