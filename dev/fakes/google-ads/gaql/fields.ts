/** The GAQL fields this fake serves, with their proto types (which decide the JSON encoding) and where they may be selected. */

export type FieldType = 'int64' | 'int32' | 'double' | 'string' | 'enum' | 'bool' | 'date' | 'resource_name';
export type FieldCategory = 'attribute' | 'segment' | 'metric';

export interface FieldSpec {
  /** GAQL name, e.g. `ad_group_ad.ad.id`. */
  name: string;
  /** First path element: customer, campaign, ad_group, ad_group_ad, customer_client, segments or metrics. */
  resource: string;
  type: FieldType;
  category: FieldCategory;
  enumValues?: readonly string[];
}

export const FROM_RESOURCES = ['customer', 'campaign', 'ad_group', 'ad_group_ad', 'customer_client'] as const;
export type FromResource = (typeof FROM_RESOURCES)[number];

export const ENTITY_STATUSES = ['UNSPECIFIED', 'UNKNOWN', 'ENABLED', 'PAUSED', 'REMOVED'] as const;
export const CUSTOMER_STATUSES = ['UNSPECIFIED', 'UNKNOWN', 'ENABLED', 'CANCELED', 'SUSPENDED', 'CLOSED'] as const;
export const CHANNEL_TYPES = [
  'UNSPECIFIED',
  'UNKNOWN',
  'SEARCH',
  'DISPLAY',
  'SHOPPING',
  'HOTEL',
  'VIDEO',
  'MULTI_CHANNEL',
  'LOCAL',
  'SMART',
  'PERFORMANCE_MAX',
  'LOCAL_SERVICES',
  'TRAVEL',
  'DEMAND_GEN',
] as const;

const SPECS: [string, FieldType, (readonly string[])?][] = [
  ['customer.resource_name', 'resource_name'],
  ['customer.id', 'int64'],
  ['customer.descriptive_name', 'string'],
  ['customer.currency_code', 'string'],
  ['customer.time_zone', 'string'],
  ['customer.manager', 'bool'],
  ['customer.test_account', 'bool'],
  ['customer.auto_tagging_enabled', 'bool'],
  ['customer.status', 'enum', CUSTOMER_STATUSES],
  ['campaign.resource_name', 'resource_name'],
  ['campaign.id', 'int64'],
  ['campaign.name', 'string'],
  ['campaign.status', 'enum', ENTITY_STATUSES],
  ['campaign.advertising_channel_type', 'enum', CHANNEL_TYPES],
  ['ad_group.resource_name', 'resource_name'],
  ['ad_group.id', 'int64'],
  ['ad_group.name', 'string'],
  ['ad_group.status', 'enum', ENTITY_STATUSES],
  ['ad_group.campaign', 'resource_name'],
  ['ad_group_ad.resource_name', 'resource_name'],
  ['ad_group_ad.ad_group', 'resource_name'],
  ['ad_group_ad.status', 'enum', ENTITY_STATUSES],
  ['ad_group_ad.ad.resource_name', 'resource_name'],
  ['ad_group_ad.ad.id', 'int64'],
  ['ad_group_ad.ad.name', 'string'],
  ['customer_client.resource_name', 'resource_name'],
  ['customer_client.client_customer', 'resource_name'],
  ['customer_client.level', 'int64'],
  ['customer_client.id', 'int64'],
  ['customer_client.manager', 'bool'],
  ['customer_client.test_account', 'bool'],
  ['customer_client.hidden', 'bool'],
  ['customer_client.time_zone', 'string'],
  ['customer_client.status', 'enum', CUSTOMER_STATUSES],
  ['customer_client.currency_code', 'string'],
  ['customer_client.descriptive_name', 'string'],
  ['segments.date', 'date'],
  ['segments.hour', 'int32'],
  ['metrics.impressions', 'int64'],
  ['metrics.clicks', 'int64'],
  ['metrics.cost_micros', 'int64'],
  ['metrics.conversions', 'double'],
  ['metrics.conversions_value', 'double'],
  ['metrics.ctr', 'double'],
  ['metrics.average_cpc', 'double'],
];

export const FIELDS: ReadonlyMap<string, FieldSpec> = new Map(
  SPECS.map(([name, type, enumValues]) => {
    const resource = name.slice(0, name.indexOf('.'));
    const category: FieldCategory = resource === 'metrics' ? 'metric' : resource === 'segments' ? 'segment' : 'attribute';
    return [name, { name, resource, type, category, ...(enumValues ? { enumValues } : {}) }];
  }),
);

/** Resources whose attributes may be selected together with each FROM resource (Google calls them "attributed resources"). */
export const ATTRIBUTED_RESOURCES: Record<FromResource, readonly string[]> = {
  customer: ['customer'],
  campaign: ['campaign', 'customer'],
  ad_group: ['ad_group', 'campaign', 'customer'],
  ad_group_ad: ['ad_group_ad', 'ad_group', 'campaign', 'customer'],
  customer_client: ['customer_client', 'customer'],
};

/** FROM resources that carry metrics and segments. */
export const REPORTING_RESOURCES: ReadonlySet<FromResource> = new Set(['customer', 'campaign', 'ad_group', 'ad_group_ad']);

/** snake_case GAQL path → the lowerCamelCase JSON path (`ad_group_ad.ad.id` → `adGroupAd.ad.id`). */
export function toJsonPath(field: string): string {
  return field
    .split('.')
    .map((part) => part.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()))
    .join('.');
}

export function isFromResource(resource: string): resource is FromResource {
  return (FROM_RESOURCES as readonly string[]).includes(resource);
}
