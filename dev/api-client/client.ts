import createClient from 'openapi-fetch';
import type { paths } from './schema';

export type { components, paths } from './schema';

export interface TidemarkClientOptions {
  /** Where Tidemark runs, e.g. http://127.0.0.1:8787 (the client adds /api/v1). */
  baseUrl: string;
  /** An agency API key, `tmk_live_…` or `tmk_test_…`. */
  apiKey: string;
  /** Another fetch (tests call the Worker's own handler). */
  fetch?: (request: Request) => Promise<Response>;
}

/** A typed client of /api/v1 (openapi-fetch over the generated schema.d.ts). */
export function createTidemarkClient(options: TidemarkClientOptions) {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1`,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type TidemarkClient = ReturnType<typeof createTidemarkClient>;
