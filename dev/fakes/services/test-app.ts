import type { Hono } from 'hono';
import { createFakeContext, type FullFakeContext } from '../fake-context';
import { buildFakeApp } from '../server';
import type { OutboundServices } from '.';

/** A fake app without platforms, for service tests that talk to it through app.request. */
export async function createServiceTestApp(): Promise<{ app: Hono; ctx: FullFakeContext; services: OutboundServices }> {
  const ctx = createFakeContext({ seed: 1, now: new Date('2026-11-29T12:00:00Z'), speed: 0 });
  const { app, services } = await buildFakeApp({ platforms: {} }, ctx);
  return { app, ctx, services };
}

export const postJson = (app: Hono, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
