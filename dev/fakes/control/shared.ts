import type { Context } from 'hono';
import type { FullFakeContext } from '../fake-context';
import type { OutboundServices } from '../services';
import type { Platform } from '../world/types';

/** Everything the control API can see and steer. */
export interface ControlDeps {
  ctx: FullFakeContext;
  services: OutboundServices;
  /** Platforms with a fake mounted on this server. */
  mounted: Platform[];
  startedAtMs: number;
}

export const badRequest = (c: Context, message: string) => c.json({ error: 'bad_request', message }, 400);

const PLATFORM_ALIASES: Record<string, Platform> = {
  meta: 'meta',
  google_ads: 'google_ads',
  'google-ads': 'google_ads',
  linkedin: 'linkedin',
};
export const parsePlatform = (value: string | undefined): Platform | undefined => (value ? PLATFORM_ALIASES[value] : undefined);

export async function readJsonBody(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: badRequest(c, 'the body is not valid JSON') };
  }
}

export const issuesMessage = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
