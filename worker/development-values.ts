/**
 * The development and test secrets, known to every clone of the repository. The local stack
 * (dev/dev-vars.ts) runs with them, and the config parse (worker/env.ts) refuses each of them in
 * production. Committed on purpose: shipping them in the Worker reveals nothing, and comparing plain
 * values keeps the config parse synchronous (a digest would need the async crypto.subtle).
 */

/** Password of the application role `tidemark_app` in the local database. */
export const DEV_APP_PASSWORD = 'tidemark-dev-app';

/** Development secrets by variable; the fakes accept these client ids and secrets. */
export const DEV_SECRETS = {
  /** base64 of the 32 bytes "dev-only-token-key-0123456789abc". */
  TOKEN_ENCRYPTION_KEY: 'ZGV2LW9ubHktdG9rZW4ta2V5LTAxMjM0NTY3ODlhYmM=',
  OPERATOR_TOKEN: 'tidemark-dev-operator-token',
  META_APP_ID: 'tidemark-dev',
  META_APP_SECRET: 'tidemark-dev-secret',
  GOOGLE_CLIENT_ID: 'tidemark-dev',
  GOOGLE_CLIENT_SECRET: 'tidemark-dev-secret',
  LINKEDIN_CLIENT_ID: 'tidemark-dev',
  LINKEDIN_CLIENT_SECRET: 'tidemark-dev-secret',
  /** The DataDog fake accepts any key; telemetry is on locally so the fake's inbox shows it. */
  DATADOG_API_KEY: 'dev-datadog-api-key',
  /** The Cloudflare fake accepts any bearer token of 20 characters or more. */
  CLOUDFLARE_API_TOKEN: 'dev-cloudflare-api-token-0123456789',
  /** The SendGrid fake accepts any `SG.…` key. */
  SENDGRID_API_KEY: 'SG.tidemark-dev.sendgrid-key',
} as const;

/** Custom hostnames locally: the fake's zone and the CNAME target its instructions name. */
export const DEV_CUSTOM_DOMAINS = {
  CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353',
  CUSTOM_DOMAIN_TARGET: 'customers.tidemark.localhost',
  APP_HOSTS: 'localhost,127.0.0.1,tidemark.test',
} as const;
