/** The Google Ads API connector (REST version pinned in api-types.ts). */
import type { Connector } from '../types';
import { listGoogleAdsAccounts } from './accounts';
import { googleAdsOAuth } from './oauth';
import { syncGoogleAdsWindow } from './sync';

export const googleAdsConnector: Connector = {
  platform: 'google_ads',
  syncWindow: syncGoogleAdsWindow,
  listAccounts: listGoogleAdsAccounts,
  oauth: googleAdsOAuth,
};
