/**
 * The names of the budgets the Durable Objects keep, one row per scope the platforms count in.
 * TenantHub holds an ad account's scopes, PlatformQuota the app-wide ones (and LinkedIn's members,
 * whose limit spans every tenant the member connected). Pure.
 *
 * | key                               | held by        | scope                                                                 |
 * | --------------------------------- | -------------- | --------------------------------------------------------------------- |
 * | `<adAccountId>`                   | TenantHub      | the ad account: its breaker, Google's per-customer QPS, LinkedIn's trickle, Meta's account-wide blocks (X-Ad-Account-Usage, #613) |
 * | `<adAccountId>:ads_insights`      | TenantHub      | Meta BUC ads_insights of that ad account (rolling hour)               |
 * | `<adAccountId>:ads_management`    | TenantHub      | Meta BUC ads_management of that ad account (rolling hour)             |
 * | `app:meta`                        | PlatformQuota  | Meta app usage (rolling hour)                                         |
 * | `app:google_ads`                  | PlatformQuota  | Google daily operations of the developer token (sliding 24 h)        |
 * | `app:linkedin`                    | PlatformQuota  | LinkedIn application day (UTC day, learnt from 429s)                  |
 * | `member:<memberId>`               | PlatformQuota  | LinkedIn member day for our app (UTC day, learnt from 429s)           |
 */
import { PLATFORMS, type Platform } from '../../db/schema/enum-values';
import type { MetaUseCase } from '../connectors/types';

export type { MetaUseCase };
/** Meta's business use cases a sync spends (AD-APIS.md §1.6): insights reads and entity reads. */
export const META_USE_CASES = ['ads_insights', 'ads_management'] as const satisfies readonly MetaUseCase[];

export type BudgetKey =
  | { scope: 'account'; adAccountId: string }
  | { scope: 'use_case'; adAccountId: string; useCase: MetaUseCase }
  | { scope: 'app'; platform: Platform }
  | { scope: 'member'; memberId: string };

export const accountKey = (adAccountId: string) => adAccountId;
export const useCaseKey = (adAccountId: string, useCase: MetaUseCase) => `${adAccountId}:${useCase}`;
export const appKey = (platform: Platform) => `app:${platform}`;
export const memberKey = (memberId: string) => `member:${memberId}`;

/** The inverse of the key builders; null for a key no builder makes. */
export function parseBudgetKey(key: string): BudgetKey | null {
  if (key.startsWith('app:')) {
    const platform = key.slice(4);
    return (PLATFORMS as readonly string[]).includes(platform) ? { scope: 'app', platform: platform as Platform } : null;
  }
  if (key.startsWith('member:')) return key.length > 7 ? { scope: 'member', memberId: key.slice(7) } : null;
  // Rows stored before the app keys had a prefix were named by the bare platform.
  if ((PLATFORMS as readonly string[]).includes(key)) return { scope: 'app', platform: key as Platform };
  const colon = key.lastIndexOf(':');
  if (colon === -1) return key ? { scope: 'account', adAccountId: key } : null;
  const useCase = key.slice(colon + 1);
  const adAccountId = key.slice(0, colon);
  if (!adAccountId || !(META_USE_CASES as readonly string[]).includes(useCase)) return null;
  return { scope: 'use_case', adAccountId, useCase: useCase as MetaUseCase };
}
