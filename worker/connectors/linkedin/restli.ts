/**
 * Rest.li 2.0 query encoding (AD-APIS.md §3.2): parentheses, commas and colons stay literal;
 * URNs inside List() are URL-encoded so their colons become %3A. Encoding anything twice breaks requests.
 */
import { type DateWindow, dateParts } from '../../lib/dates';

export const urn = {
  account: (id: string) => `urn:li:sponsoredAccount:${id}`,
  campaignGroup: (id: string) => `urn:li:sponsoredCampaignGroup:${id}`,
  campaign: (id: string) => `urn:li:sponsoredCampaign:${id}`,
  creative: (id: string) => `urn:li:sponsoredCreative:${id}`,
};

/** The id at the end of a URN of the given type, or null (urn:li:sponsoredCampaign:42 → "42"). */
export function urnId(
  value: string,
  type: 'sponsoredAccount' | 'sponsoredCampaignGroup' | 'sponsoredCampaign' | 'sponsoredCreative',
): string | null {
  const prefix = `urn:li:${type}:`;
  return value.startsWith(prefix) ? value.slice(prefix.length) : null;
}

/** List(a,b) of plain symbols (pivots, statuses). */
export const restliList = (items: readonly string[]) => `List(${items.join(',')})`;

/** List(urn%3Ali%3A...,...) for URN facets. */
export const restliUrnList = (urns: readonly string[]) => restliList(urns.map((u) => encodeURIComponent(u)));

/** (start:(year:2026,month:11,day:1),end:(year:2026,month:11,day:29)), both ends inclusive. */
export function restliDateRange(window: DateWindow): string {
  const part = (date: string) => {
    const { year, month, day } = dateParts(date);
    return `(year:${year},month:${month},day:${day})`;
  };
  return `(start:${part(window.from)},end:${part(window.to)})`;
}

/** Joins already-encoded Rest.li values into a query string without re-encoding them. */
export function restliQuery(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([key, value]) => `${key}=${value}`).join('&');
}
