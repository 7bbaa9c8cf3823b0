/** Reads and validates an adAnalytics request (q=analytics or q=statistics) from raw Rest.li params. */
import { apiErrors } from './errors';
import { type DateRangeParam, readDateRange, readEnum, readFieldList, readStringList, readUrnList } from './restli-params';

export const SUPPORTED_PIVOTS = ['ACCOUNT', 'CAMPAIGN_GROUP', 'CAMPAIGN', 'CREATIVE', 'SHARE'] as const;
/** Pivots LinkedIn has but the fake's world cannot break down (demographics, devices, conversions...). */
const UNSUPPORTED_PIVOTS = [
  'COMPANY',
  'CONVERSION',
  'SERVING_LOCATION',
  'CARD_INDEX',
  'IMPRESSION_DEVICE_TYPE',
  'MEMBER_COMPANY_SIZE',
  'MEMBER_INDUSTRY',
  'MEMBER_SENIORITY',
  'MEMBER_JOB_TITLE',
  'MEMBER_JOB_FUNCTION',
  'MEMBER_COUNTRY_V2',
  'MEMBER_REGION_V2',
  'MEMBER_COMPANY',
  'PLACEMENT_NAME',
];
export type Pivot = (typeof SUPPORTED_PIVOTS)[number];
export const GRANULARITIES = ['ALL', 'DAILY', 'MONTHLY', 'YEARLY'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Metrics the world models, by LinkedIn field name. */
export const MODELED_METRICS = [
  'impressions',
  'clicks',
  'costInLocalCurrency',
  'costInUsd',
  'externalWebsiteConversions',
  'conversionValueInLocalCurrency',
] as const;
/** Real LinkedIn metrics the world does not model: served as 0 so clients requesting them still parse. */
export const ZERO_COUNT_METRICS = [
  'landingPageClicks',
  'totalEngagements',
  'oneClickLeads',
  'oneClickLeadFormOpens',
  'likes',
  'comments',
  'shares',
  'follows',
  'reactions',
  'otherEngagements',
  'companyPageClicks',
  'actionClicks',
  'adUnitClicks',
  'textUrlClicks',
  'fullScreenPlays',
  'videoViews',
  'videoStarts',
  'videoCompletions',
  'videoFirstQuartileCompletions',
  'videoMidpointCompletions',
  'videoThirdQuartileCompletions',
  'externalWebsitePostClickConversions',
  'externalWebsitePostViewConversions',
  'approximateMemberReach',
  'opens',
  'sends',
  'registrations',
  'jobApplications',
  'viralImpressions',
  'viralClicks',
] as const;
export const ZERO_DOUBLE_METRICS = ['averageDwellTime', 'audiencePenetration'] as const;
const KNOWN_FIELDS = new Set<string>(['dateRange', 'pivotValues', ...MODELED_METRICS, ...ZERO_COUNT_METRICS, ...ZERO_DOUBLE_METRICS]);
export const MAX_FIELDS = 20;
/** Without `fields`, adAnalytics answers impressions and clicks only. */
const DEFAULT_FIELDS = ['impressions', 'clicks', 'dateRange', 'pivotValues'];

export const FACETS = {
  accounts: 'sponsoredAccount',
  campaignGroups: 'sponsoredCampaignGroup',
  campaigns: 'sponsoredCampaign',
  creatives: 'sponsoredCreative',
} as const;
export type FacetName = keyof typeof FACETS;

export interface AnalyticsQuery {
  finder: 'analytics' | 'statistics';
  pivots: Pivot[];
  granularity: Granularity;
  dateRange: DateRangeParam;
  facets: Partial<Record<FacetName, string[]>>;
  fields: string[];
}

const ALL_PIVOTS = [...SUPPORTED_PIVOTS, ...UNSUPPORTED_PIVOTS];

function readPivot(param: string, raw: string): Pivot {
  return readEnum(param, raw, ALL_PIVOTS) as Pivot;
}

function requireSupported(param: string, pivot: string): void {
  if (!(SUPPORTED_PIVOTS as readonly string[]).includes(pivot)) {
    throw apiErrors.invalidParam(param, `Pivot ${pivot} is not served by this fake (supported: ${SUPPORTED_PIVOTS.join(', ')})`);
  }
}

export function readAnalyticsQuery(params: Map<string, string>): AnalyticsQuery {
  const finder = params.get('q');
  if (finder !== 'analytics' && finder !== 'statistics') throw apiErrors.methodNotResolved();
  const allowed = new Set([
    'q',
    'timeGranularity',
    'dateRange',
    'fields',
    ...Object.keys(FACETS),
    finder === 'analytics' ? 'pivot' : 'pivots',
  ]);
  for (const key of params.keys()) if (!allowed.has(key)) throw apiErrors.paramNotAllowed(key);
  const need = (name: string) => {
    const raw = params.get(name);
    if (raw === undefined) throw apiErrors.missingParam(name);
    return raw;
  };

  let pivots: Pivot[];
  if (finder === 'analytics') {
    pivots = [readPivot('pivot', need('pivot'))];
  } else {
    pivots = readStringList('pivots', need('pivots')).map((item, i) => {
      if (!ALL_PIVOTS.includes(item)) throw apiErrors.invalidParam(`pivots_${i}`, `'${item}' is not one of ${ALL_PIVOTS.join(', ')}`);
      return item as Pivot;
    });
    if (pivots.length < 1 || pivots.length > 3)
      throw apiErrors.invalidParam('pivots', `Between 1 and 3 pivots are allowed, got ${pivots.length}`);
    if (new Set(pivots).size !== pivots.length) throw apiErrors.invalidParam('pivots', 'A pivot may appear only once');
  }
  for (const [i, pivot] of pivots.entries()) requireSupported(finder === 'analytics' ? 'pivot' : `pivots_${i}`, pivot);

  const granularity = readEnum('timeGranularity', need('timeGranularity'), GRANULARITIES);
  const dateRange = readDateRange('dateRange', need('dateRange'));

  const facets: AnalyticsQuery['facets'] = {};
  for (const [name, urnType] of Object.entries(FACETS) as [FacetName, string][]) {
    const raw = params.get(name);
    if (raw !== undefined) facets[name] = readUrnList(name, raw, urnType);
  }
  if (Object.keys(facets).length === 0) {
    throw apiErrors.missingParam('accounts, campaignGroups, campaigns or creatives (at least one facet)');
  }

  const fields = params.has('fields') ? readFieldList(params.get('fields')!) : DEFAULT_FIELDS;
  if (fields.length > MAX_FIELDS) {
    throw apiErrors.invalidParam(
      'fields',
      `Too many fields requested: ${fields.length}. The maximum is ${MAX_FIELDS}, dateRange and pivotValues included.`,
    );
  }
  const unknown = fields.find((f) => !KNOWN_FIELDS.has(f));
  if (unknown) throw apiErrors.invalidParam('fields', `Unknown field '${unknown}' in fields`);
  return { finder, pivots, granularity, dateRange, facets, fields };
}
