/**
 * The Cloudflare for SaaS custom-hostnames API (POST/GET/DELETE /client/v4/zones/:zone/custom_hostnames),
 * in its {success, errors, result} envelope. Never throws: every answer is a value the caller can show.
 */
import { z } from 'zod';
import { type HttpFailure, joinUrl, requestJson } from '../connectors/http';
import { type CloudflareHostname, cloudflareHostnameSchema } from './status';

export interface CloudflareConfig {
  fetch: typeof fetch;
  baseUrl: string;
  apiToken: string;
  zoneId: string;
}

export type CloudflareOutcome<T> = { ok: true; value: T } | { ok: false; status: number | null; code: number | null; message: string };

const envelope = <T extends z.ZodType>(result: T) =>
  z.object({ success: z.boolean(), errors: z.array(z.object({ code: z.number(), message: z.string() })), result });
const errorEnvelope = z.object({ errors: z.array(z.object({ code: z.number(), message: z.string() })) });
/** Cloudflare's "Duplicate custom hostname found." */
export const DUPLICATE_HOSTNAME_CODE = 1406;

export function createCloudflareClient(config: CloudflareConfig) {
  const http = { fetch: config.fetch, baseUrl: config.baseUrl, timeoutMs: 10_000 };
  const headers = { authorization: `Bearer ${config.apiToken}`, 'content-type': 'application/json' };
  const url = (path = '') => joinUrl(config.baseUrl, `/client/v4/zones/${config.zoneId}/custom_hostnames${path}`);
  const call = async <T>(request: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: string }, schema: z.ZodType<T>) => {
    const outcome = await requestJson(http, { ...request, headers, schema: envelope(schema) });
    return outcome.ok ? { ok: true as const, value: outcome.body.result as T } : refusal(outcome.failure);
  };
  return {
    /** Registers the hostname with a TXT-validated certificate; `metadata` travels with it (our tenant id). */
    create: (hostname: string, metadata: Record<string, string>): Promise<CloudflareOutcome<CloudflareHostname>> =>
      call(
        { method: 'POST', url: url(), body: JSON.stringify({ hostname, ssl: { method: 'txt', type: 'dv' }, custom_metadata: metadata }) },
        cloudflareHostnameSchema,
      ),
    get: (id: string): Promise<CloudflareOutcome<CloudflareHostname>> =>
      call({ url: url(`/${encodeURIComponent(id)}`) }, cloudflareHostnameSchema),
    /** Restarts a validation that timed out (Cloudflare's way: send the ssl settings again). */
    revalidate: (id: string): Promise<CloudflareOutcome<CloudflareHostname>> =>
      call(
        { method: 'PATCH', url: url(`/${encodeURIComponent(id)}`), body: JSON.stringify({ ssl: { method: 'txt', type: 'dv' } }) },
        cloudflareHostnameSchema,
      ),
    /** Finds an existing registration of the hostname (after a create that answered "duplicate"). */
    find: async (hostname: string): Promise<CloudflareOutcome<CloudflareHostname | null>> => {
      const listed = await call({ url: url(`?hostname=${encodeURIComponent(hostname)}`) }, z.array(cloudflareHostnameSchema));
      return listed.ok ? { ok: true, value: listed.value[0] ?? null } : listed;
    },
    remove: async (id: string): Promise<CloudflareOutcome<null>> => {
      const outcome = await requestJson(http, {
        method: 'DELETE',
        url: url(`/${encodeURIComponent(id)}`),
        headers,
        schema: envelope(z.unknown()),
      });
      if (outcome.ok) return { ok: true, value: null };
      const failed = refusal(outcome.failure);
      // Already gone at Cloudflare is what a removal wants.
      return failed.status === 404 ? { ok: true, value: null } : failed;
    },
  };
}
export type CloudflareClient = ReturnType<typeof createCloudflareClient>;

function refusal(failure: HttpFailure): { ok: false; status: number | null; code: number | null; message: string } {
  if (failure.type === 'http') {
    const parsed = errorEnvelope.safeParse(failure.json);
    const first = parsed.success ? parsed.data.errors[0] : undefined;
    return { ok: false, status: failure.status, code: first?.code ?? null, message: first?.message ?? `HTTP ${failure.status}` };
  }
  return { ok: false, status: null, code: null, message: failure.message };
}
