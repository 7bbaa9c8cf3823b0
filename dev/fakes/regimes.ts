import { z } from 'zod';
import type { GoogleRegime, Regimes } from './context';
import type { Platform } from './world/types';

/** Google Ads developer-token daily operations per access level (Standard is unlimited for practical purposes). */
export const GOOGLE_DAILY_OPERATIONS: Record<GoogleRegime['accessLevel'], number> = {
  test: 15_000,
  explorer: 2_880,
  basic: 15_000,
  standard: 1_000_000_000,
};

/** The regimes a fresh fake server starts with: what a newly approved app gets on each platform. */
export function defaultRegimes(): Regimes {
  return {
    // 200 calls per hour x 24 daily active users.
    meta: { tier: 'limited', appCallsPerHour: 4_800 },
    google_ads: { accessLevel: 'basic', dailyOperations: GOOGLE_DAILY_OPERATIONS.basic, qpsPerCustomer: 10 },
    linkedin: { dailyAppLimit: 100_000, dailyMemberLimit: 2_000 },
  };
}

const positiveInt = z.number().int().positive();
const regimePatches = {
  meta: z.strictObject({
    tier: z.enum(['development', 'limited', 'full']).optional(),
    appCallsPerHour: positiveInt.optional(),
    accountCallsPerHourOverride: positiveInt.nullable().optional(),
    accountCallsPerHourByAccount: z.record(z.string(), positiveInt.nullable()).optional(),
    reportRunSteps: positiveInt.max(1_000).nullable().optional(),
  }),
  google_ads: z.strictObject({
    accessLevel: z.enum(['test', 'explorer', 'basic', 'standard']).optional(),
    dailyOperations: positiveInt.optional(),
    qpsPerCustomer: z.number().positive().optional(),
  }),
  linkedin: z.strictObject({
    dailyAppLimit: positiveInt.optional(),
    dailyMemberLimit: positiveInt.optional(),
    dailyMemberLimitByMember: z.record(z.string(), positiveInt.nullable()).optional(),
  }),
};

/** Merges per-id limits; a null removes that id's. */
function mergeLimits(current: Record<string, number> | undefined, patch: Record<string, number | null>): Record<string, number> {
  const merged = { ...current };
  for (const [id, limit] of Object.entries(patch)) {
    if (limit === null) delete merged[id];
    else merged[id] = limit;
  }
  return merged;
}

export type RegimeUpdate = { ok: true; regimes: Regimes } | { ok: false; message: string };

/**
 * Applies a partial regime for one platform. Changing Google's access level without naming the daily
 * operations derives them from the level; `accountCallsPerHourOverride: null` and `reportRunSteps: null`
 * remove Meta's overrides; `accountCallsPerHourByAccount` (Meta) and `dailyMemberLimitByMember` (LinkedIn) merge per
 * id, a null removing that id's.
 */
export function updateRegime(regimes: Regimes, platform: Platform, patch: unknown): RegimeUpdate {
  const parsed = (regimePatches[platform] as z.ZodType).safeParse(patch);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  }
  const next: Regimes = structuredClone(regimes);
  if (platform === 'meta') {
    const { accountCallsPerHourOverride, accountCallsPerHourByAccount, reportRunSteps, ...rest } = parsed.data as z.infer<
      typeof regimePatches.meta
    >;
    next.meta = { ...next.meta, ...rest };
    if (accountCallsPerHourOverride === null) delete next.meta.accountCallsPerHourOverride;
    else if (accountCallsPerHourOverride !== undefined) next.meta.accountCallsPerHourOverride = accountCallsPerHourOverride;
    if (accountCallsPerHourByAccount)
      next.meta.accountCallsPerHourByAccount = mergeLimits(next.meta.accountCallsPerHourByAccount, accountCallsPerHourByAccount);
    if (reportRunSteps === null) delete next.meta.reportRunSteps;
    else if (reportRunSteps !== undefined) next.meta.reportRunSteps = reportRunSteps;
  } else if (platform === 'google_ads') {
    const data = parsed.data as z.infer<typeof regimePatches.google_ads>;
    next.google_ads = { ...next.google_ads, ...data };
    if (data.accessLevel && data.dailyOperations === undefined) next.google_ads.dailyOperations = GOOGLE_DAILY_OPERATIONS[data.accessLevel];
  } else {
    const { dailyMemberLimitByMember, ...rest } = parsed.data as z.infer<typeof regimePatches.linkedin>;
    next.linkedin = { ...next.linkedin, ...rest };
    if (dailyMemberLimitByMember)
      next.linkedin.dailyMemberLimitByMember = mergeLimits(next.linkedin.dailyMemberLimitByMember, dailyMemberLimitByMember);
  }
  return { ok: true, regimes: next };
}
