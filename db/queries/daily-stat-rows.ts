/** One ad's numbers for one account-local date, as a connector delivers them. Ids are the platform's. */
export type DailyStatRow = {
  campaignId: string;
  adGroupId: string;
  adId: string;
  /** YYYY-MM-DD in the ad account's time zone. */
  date: string;
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValueMicros: number;
  extras?: Record<string, unknown>;
};

/**
 * Keeps the last row per (ad, date). Postgres rejects an upsert that touches the same key twice
 * in one statement ("ON CONFLICT DO UPDATE command cannot affect row a second time").
 */
export function dedupeDailyStatRows(rows: readonly DailyStatRow[]): DailyStatRow[] {
  const byKey = new Map<string, DailyStatRow>();
  for (const row of rows) byKey.set(`${row.adId}\u0000${row.date}`, row);
  return [...byKey.values()];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
