/** Platform → connector. The only place that knows all three. */

import type { Platform } from '../../db/schema/enum-values';
import { googleAdsConnector } from './google-ads';
import { linkedInConnector } from './linkedin';
import { metaConnector } from './meta';
import type { Connector } from './types';

export const connectors: Readonly<Record<Platform, Connector>> = {
  meta: metaConnector,
  google_ads: googleAdsConnector,
  linkedin: linkedInConnector,
};

export function getConnector(platform: Platform): Connector {
  const connector = connectors[platform];
  if (!connector) throw new Error(`no connector for platform ${String(platform)}`);
  return connector;
}
