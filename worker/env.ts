import { z } from 'zod';
import type { Platform } from '../db/schema/enum-values';

/**
 * The Worker's configuration, parsed once at the edge. Nothing below the handlers reads `env`
 * directly: they receive this typed config. A missing secret fails loudly here instead of
 * surfacing as an undefined deep inside a sync.
 */
const url = z.string().url();

export const configSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
  WS_PROXY: z.string().optional(),
  TOKEN_ENCRYPTION_KEY: z.string().min(40, 'TOKEN_ENCRYPTION_KEY must be a base64 32-byte key'),
  META_API_BASE: url.default('https://graph.facebook.com'),
  META_OAUTH_BASE: url.default('https://www.facebook.com'),
  GOOGLE_ADS_API_BASE: url.default('https://googleads.googleapis.com'),
  GOOGLE_OAUTH_BASE: url.default('https://accounts.google.com'),
  GOOGLE_TOKEN_BASE: url.default('https://oauth2.googleapis.com'),
  LINKEDIN_API_BASE: url.default('https://api.linkedin.com'),
  LINKEDIN_OAUTH_BASE: url.default('https://www.linkedin.com'),
  SENDGRID_API_BASE: url.default('https://api.sendgrid.com'),
  SLACK_WEBHOOK_BASE: url.default('https://hooks.slack.com'),
  DATADOG_API_BASE: url.default('https://api.datadoghq.com'),
  CLOUDFLARE_API_BASE: url.default('https://api.cloudflare.com'),
  META_APP_ID: z.string().min(1, 'META_APP_ID is required'),
  META_APP_SECRET: z.string().min(1, 'META_APP_SECRET is required'),
  GOOGLE_CLIENT_ID: z.string().min(1, 'GOOGLE_CLIENT_ID is required'),
  GOOGLE_CLIENT_SECRET: z.string().min(1, 'GOOGLE_CLIENT_SECRET is required'),
  GOOGLE_DEVELOPER_TOKEN: z.string().optional(),
  LINKEDIN_CLIENT_ID: z.string().min(1, 'LINKEDIN_CLIENT_ID is required'),
  LINKEDIN_CLIENT_SECRET: z.string().min(1, 'LINKEDIN_CLIENT_SECRET is required'),
  /** Settling lane depth in days: Meta restates 28 days; Google per conversion action (14 by default); LinkedIn unpublished. */
  META_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(28),
  GOOGLE_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(14),
  LINKEDIN_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(7),
  /** App-wide quotas of our platform credentials (they depend on the access tier each platform granted). */
  META_APP_CALLS_PER_HOUR: z.coerce.number().int().positive().default(4800),
  GOOGLE_ADS_OPERATIONS_PER_DAY: z.coerce.number().int().positive().default(15000),
  LINKEDIN_APP_CALLS_PER_DAY: z.coerce.number().int().positive().default(100000),
  /** Bearer token of the operator API (/api/ops); the API is off when unset. */
  OPERATOR_TOKEN: z.string().min(16).optional(),
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

/** Parses (and memoizes per env object) the Worker configuration. */
export function readConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Worker configuration: ${fields}`);
  }
  cache.set(env, parsed.data);
  return parsed.data;
}

/** True when cookies can carry the Secure attribute (served over TLS). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}

/** Base URLs and OAuth app of one platform, from config (real endpoints in production, fakes locally). */
export function platformEndpoints(config: Config, platform: Platform) {
  switch (platform) {
    case 'meta':
      return {
        apiBase: config.META_API_BASE,
        authorizeBase: config.META_OAUTH_BASE,
        tokenBase: config.META_API_BASE,
        app: { clientId: config.META_APP_ID, clientSecret: config.META_APP_SECRET },
      };
    case 'google_ads':
      return {
        apiBase: config.GOOGLE_ADS_API_BASE,
        authorizeBase: config.GOOGLE_OAUTH_BASE,
        tokenBase: config.GOOGLE_TOKEN_BASE,
        app: { clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET },
      };
    case 'linkedin':
      return {
        apiBase: config.LINKEDIN_API_BASE,
        authorizeBase: config.LINKEDIN_OAUTH_BASE,
        tokenBase: config.LINKEDIN_OAUTH_BASE,
        app: { clientId: config.LINKEDIN_CLIENT_ID, clientSecret: config.LINKEDIN_CLIENT_SECRET },
      };
  }
}

/** The settling lane's lookback per platform, from config. */
export function settlingDays(config: Config) {
  return { meta: config.META_SETTLING_DAYS, google_ads: config.GOOGLE_SETTLING_DAYS, linkedin: config.LINKEDIN_SETTLING_DAYS };
}

/** The app-wide quotas from config, for the PlatformQuota budgets. */
export function appQuotas(config: Config) {
  return {
    metaCallsPerHour: config.META_APP_CALLS_PER_HOUR,
    googleOperationsPerDay: config.GOOGLE_ADS_OPERATIONS_PER_DAY,
    linkedinCallsPerDay: config.LINKEDIN_APP_CALLS_PER_DAY,
  };
}
