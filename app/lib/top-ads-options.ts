import { METRIC_KEYS, METRICS, type MetricKey } from '$worker/report/metrics';

/** How many ads the top-ads page may list. */
export const TOP_ADS_LIMITS = [10, 25, 50, 100] as const;

export interface TopAdsOptions {
  metric: MetricKey;
  order: 'desc' | 'asc';
  limit: number;
}

/**
 * The top-ads page's own URL parameters; invalid values fall back to the defaults. Without an
 * explicit order, a metric where lower is better (CPA, CPC) ranks lowest first.
 */
export function topAdsOptions(params: URLSearchParams): TopAdsOptions {
  const metricParam = params.get('metric') ?? '';
  const metric = (METRIC_KEYS as readonly string[]).includes(metricParam) ? (metricParam as MetricKey) : 'spend';
  const orderParam = params.get('order');
  const order = orderParam === 'asc' || orderParam === 'desc' ? orderParam : METRICS[metric].better === 'lower' ? 'asc' : 'desc';
  const limitParam = Number(params.get('limit'));
  const limit = (TOP_ADS_LIMITS as readonly number[]).includes(limitParam) ? limitParam : 10;
  return { metric, order, limit };
}

/** The options as URL parameters. */
export function topAdsParams(options: TopAdsOptions): Record<string, string> {
  return { metric: options.metric, order: options.order, limit: String(options.limit) };
}
