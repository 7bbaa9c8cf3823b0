import { z } from 'zod';
import type { Platform } from '../db/schema/enum-values';
import { parseWsProxy } from '../db/ws-proxy-address';
import { DEV_APP_PASSWORD, DEV_SECRETS } from './development-values';
import { fromBase64Url } from './lib/base64url';
import { parseTimeScale } from './lib/clock';

/**
 * The Worker's configuration, parsed once at the edge. Nothing below the handlers reads `env`
 * directly: they receive this typed config. A missing secret fails loudly here instead of
 * surfacing as an undefined deep inside a sync, and production refuses development values.
 */
const url = z.string().url();
const required = () => z.string({ error: 'is required' }).min(1, 'is required');

/** The 32 raw bytes of a base64 key, or undefined when it is not base64 or not 32 bytes long. */
function keyBytes(base64Key: string): Uint8Array | undefined {
  try {
    const bytes = fromBase64Url(base64Key);
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function splitKeys(list: string): string[] {
  return list
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

export const configSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: required(),
  WS_PROXY: z
    .string()
    .refine(
      (value) => parseWsProxy(value) !== undefined,
      'must be wss://host[:port] (TLS), or host:port / ws://host:port outside production',
    )
    .optional(),
  /** The current token-encryption key: encrypts new ciphertexts (and, derived, signs OAuth state). */
  TOKEN_ENCRYPTION_KEY: required().refine((value) => keyBytes(value) !== undefined, 'must be base64 of exactly 32 bytes'),
  /**
   * Keys that only decrypt, comma-separated: after a rotation, the old TOKEN_ENCRYPTION_KEY stays here
   * until every stored ciphertext carries the new key's id (rows are re-encrypted as they are read).
   */
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .refine(
      (value) => splitKeys(value).every((key) => keyBytes(key) !== undefined),
      'must be base64 keys of exactly 32 bytes, comma-separated',
    )
    .optional(),
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
  /** DataDog takes logs on its own intake host. */
  DATADOG_LOGS_BASE: url.default('https://http-intake.logs.datadoghq.com'),
  /** A trace intake speaking the Agent's trace API (PUT /v0.3/traces); traces are not sent when unset. */
  DATADOG_TRACE_BASE: url.optional(),
  CLOUDFLARE_API_BASE: url.default('https://api.cloudflare.com'),
  /** The Frankfurter API (v1), serving the ECB's daily euro reference rates: the daily FX load reads it (worker/fx/). */
  FX_RATES_BASE: url.default('https://api.frankfurter.dev/v1'),
  /** Cloudflare for SaaS (custom hostnames): a token with SSL and Certificates edit on the zone; custom domains are off when unset. */
  CLOUDFLARE_API_TOKEN: z.string().min(20, 'must be a Cloudflare API token').optional(),
  CLOUDFLARE_ZONE_ID: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be a 32-character zone id')
    .optional(),
  /** The hostname a client's CNAME points at (the SaaS zone's fallback origin), shown in the DNS instructions. */
  CUSTOM_DOMAIN_TARGET: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a hostname')
    .optional(),
  /** The product's own hostnames, comma-separated: any other Host must be a verified custom domain. */
  APP_HOSTS: z
    .string()
    .regex(/^[a-z0-9.-]+(?:\s*,\s*[a-z0-9.-]+)*$/, 'must be hostnames separated by commas')
    .optional(),
  META_APP_ID: required(),
  META_APP_SECRET: required(),
  GOOGLE_CLIENT_ID: required(),
  GOOGLE_CLIENT_SECRET: required(),
  GOOGLE_DEVELOPER_TOKEN: z.string().optional(),
  LINKEDIN_CLIENT_ID: required(),
  LINKEDIN_CLIENT_SECRET: required(),
  /** Settling lane depth in days: Meta restates 28 days; Google per conversion action (14 by default); LinkedIn unpublished. */
  META_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(28),
  GOOGLE_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(14),
  LINKEDIN_SETTLING_DAYS: z.coerce.number().int().min(2).max(90).default(7),
  /** App-wide quotas of our platform credentials (they depend on the access tier each platform granted). */
  META_APP_CALLS_PER_HOUR: z.coerce.number().int().positive().default(4800),
  GOOGLE_ADS_OPERATIONS_PER_DAY: z.coerce.number().int().positive().default(15000),
  LINKEDIN_APP_CALLS_PER_DAY: z.coerce.number().int().positive().default(100000),
  /** DataDog API key: metrics, traces and failure logs are sent only when it is set. */
  DATADOG_API_KEY: z.string().min(1).optional(),
  /** The `env` tag of everything sent to DataDog (APP_ENV when unset). */
  DD_ENV: z.string().min(1).optional(),
  /** Meta Marketing API access tier of our app: picks the per-ad-account BUC formula (AD-APIS.md §1.6). */
  META_ACCESS_TIER: z.enum(['limited', 'full']).default('limited'),
  /** SendGrid API key (secret) for invitations and password resets; without it no email is sent and invitations are refused. */
  SENDGRID_API_KEY: z.string().startsWith('SG.', 'must be a SendGrid API key (SG.…)').optional(),
  /** The address emails come from (its name is the tenant's branded product name, or Tidemark). */
  EMAIL_FROM: z.string().email('must be an email address').default('no-reply@tidemark.dev'),
  /**
   * Development and tests only (production refuses it): tenants' logos and favicons are fetched as
   * `${BRAND_ASSET_FETCH_PROXY}/<the https URL, encoded>`, so the fake public web stands in for the internet.
   */
  BRAND_ASSET_FETCH_PROXY: url.optional(),
  /** Bearer token of the operator API (/api/ops); the API is off when unset. */
  OPERATOR_TOKEN: z.string().min(16).optional(),
  /** Compressed time for the sync benchmark (worker/lib/clock.ts): `<simEpochISO>@<realAnchorMs>x<speed>`; unset = real time. */
  TIME_SCALE: z
    .string()
    .refine((value) => parseTimeScale(value) !== null, 'must be <simulated epoch ISO>@<real anchor ms>x<speed above 0>')
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

/** One thing wrong with the configuration: the variable and what is wrong (never its value). */
export interface ConfigIssue {
  variable: string;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] };

/** Every base URL of an external service: each must be https: in production. */
export const SERVICE_BASE_VARIABLES = Object.keys(configSchema.shape).filter((name) => name.endsWith('_BASE')) as Array<
  keyof Config & `${string}_BASE`
>;

const DEV_SECRET_NAMES: Record<keyof typeof DEV_SECRETS, string> = {
  TOKEN_ENCRYPTION_KEY: 'key',
  OPERATOR_TOKEN: 'operator token',
  META_APP_ID: 'client id',
  META_APP_SECRET: 'client secret',
  GOOGLE_CLIENT_ID: 'client id',
  GOOGLE_CLIENT_SECRET: 'client secret',
  LINKEDIN_CLIENT_ID: 'client id',
  LINKEDIN_CLIENT_SECRET: 'client secret',
  DATADOG_API_KEY: 'DataDog API key',
  CLOUDFLARE_API_TOKEN: 'Cloudflare API token',
  SENDGRID_API_KEY: 'SendGrid API key',
};

/** Compared as bytes: the same key written as base64url or without padding is still the development key. */
function isDevTokenKey(value: string): boolean {
  const bytes = keyBytes(value);
  const dev = keyBytes(DEV_SECRETS.TOKEN_ENCRYPTION_KEY)!;
  return bytes?.every((b, i) => b === dev[i]) ?? false;
}

function isDevSecret(name: keyof typeof DEV_SECRETS, value: string | undefined): boolean {
  if (value === undefined) return false;
  return name === 'TOKEN_ENCRYPTION_KEY' ? isDevTokenKey(value) : value === DEV_SECRETS[name];
}

/** The token-encryption keys from config: the current one (encrypts) first, then the previous ones (decrypt only). */
export function tokenKeys(config: Config): { current: string; previous: string[] } {
  return { current: config.TOKEN_ENCRYPTION_KEY, previous: splitKeys(config.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? '') };
}

function databasePassword(databaseUrl: string): string | undefined {
  try {
    return decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return undefined;
  }
}

/** What production refuses in an otherwise valid configuration: development values, plain-text transports. */
export function productionIssues(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of Object.keys(DEV_SECRETS) as Array<keyof typeof DEV_SECRETS>) {
    if (isDevSecret(name, config[name])) {
      issues.push({ variable: name, message: `the development ${DEV_SECRET_NAMES[name]} cannot be used in production` });
    }
  }
  if (tokenKeys(config).previous.some(isDevTokenKey)) {
    issues.push({ variable: 'TOKEN_ENCRYPTION_PREVIOUS_KEYS', message: 'the development key cannot be used in production' });
  }
  if (databasePassword(config.DATABASE_URL) === DEV_APP_PASSWORD) {
    issues.push({ variable: 'DATABASE_URL', message: 'the development password cannot be used in production' });
  }
  for (const name of SERVICE_BASE_VARIABLES) {
    const base = config[name];
    if (base !== undefined && new URL(base).protocol !== 'https:')
      issues.push({ variable: name, message: 'must be an https: URL in production' });
  }
  if (config.CLOUDFLARE_API_TOKEN !== undefined && config.APP_HOSTS === undefined) {
    issues.push({ variable: 'APP_HOSTS', message: 'must list the product’s own hostnames when custom domains are on' });
  }
  if (config.TIME_SCALE !== undefined) {
    issues.push({ variable: 'TIME_SCALE', message: 'compressed time is for development and benchmarks, not production' });
  }
  if (config.BRAND_ASSET_FETCH_PROXY !== undefined) {
    issues.push({
      variable: 'BRAND_ASSET_FETCH_PROXY',
      message: 'the brand-asset fetch proxy is for development and tests, not production',
    });
  }
  if (config.WS_PROXY !== undefined && !parseWsProxy(config.WS_PROXY)?.secure) {
    issues.push({ variable: 'WS_PROXY', message: 'must be reached with TLS in production (wss://host[:port])' });
  }
  return issues;
}

/** Parses the Worker's variables (pure: no env access, no memo). Production (also when APP_ENV is unset) refuses development values. */
export function parseConfig(vars: object): ConfigResult {
  const parsed = configSchema.safeParse(vars);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message })) };
  }
  const issues = parsed.data.APP_ENV === 'production' ? productionIssues(parsed.data) : [];
  return issues.length ? { ok: false, issues } : { ok: true, config: parsed.data };
}

/** The Worker cannot run with this configuration; the message names each variable and never shows a value. */
export class InvalidConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(`Invalid Worker configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidConfigError';
    this.issues = issues;
  }
}

const cache = new WeakMap<object, ConfigResult>();

/** Parses (and memoizes per env object) the Worker configuration; throws InvalidConfigError when it is unusable. */
export function readConfig(env: Env): Config {
  let result = cache.get(env);
  if (!result) {
    result = parseConfig(env);
    cache.set(env, result);
  }
  if (!result.ok) throw new InvalidConfigError(result.issues);
  return result.config;
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
    metaAccessTier: config.META_ACCESS_TIER,
    metaCallsPerHour: config.META_APP_CALLS_PER_HOUR,
    googleOperationsPerDay: config.GOOGLE_ADS_OPERATIONS_PER_DAY,
    linkedinCallsPerDay: config.LINKEDIN_APP_CALLS_PER_DAY,
  };
}
