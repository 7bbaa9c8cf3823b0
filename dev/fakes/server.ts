import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { FakeContext } from './context';
import { createControlApp } from './control';
import { createFakeContext, type FullFakeContext } from './fake-context';
import { createOutboundServices, OUTBOUND_PREFIXES, type OutboundServices } from './services';
import { createFxRatesFake } from './services/fx-rates';
import { createPublicWebFake } from './services/public-web';
import type { WorldOptions } from './world';
import type { Platform } from './world/types';

export const PLATFORM_PREFIXES: Record<Platform, string> = { meta: '/meta', google_ads: '/google-ads', linkedin: '/linkedin' };

export interface FakeServerOptions extends WorldOptions {
  /** 8790 by default; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Platform fakes to mount; all three by default. Pass {} to run only the services and the control API. */
  platforms?: Partial<Record<Platform, (ctx: FakeContext) => Hono>>;
  /** Fake-clock delay before a new Cloudflare custom hostname turns active (60 s by default). */
  hostnameActivationDelayMs?: number;
}

export interface FakeServer {
  url: string;
  ctx: FullFakeContext;
  services: OutboundServices;
  app: Hono;
  close(): Promise<void>;
}

/** Builds the single Hono app: platform fakes, outbound services and /_control, each under its prefix. */
export async function buildFakeApp(options: FakeServerOptions, ctx: FullFakeContext): Promise<{ app: Hono; services: OutboundServices }> {
  const platforms = options.platforms ?? (await import('./platforms')).DEFAULT_PLATFORMS;
  const services = createOutboundServices(ctx, { hostnameActivationDelayMs: options.hostnameActivationDelayMs });
  const app = new Hono();
  const mounted: Platform[] = [];
  for (const [platform, create] of Object.entries(platforms) as [Platform, (ctx: FakeContext) => Hono][]) {
    if (!create) continue;
    app.mount(PLATFORM_PREFIXES[platform], create(ctx).fetch);
    mounted.push(platform);
  }
  for (const [service, prefix] of Object.entries(OUTBOUND_PREFIXES) as [keyof typeof OUTBOUND_PREFIXES, string][]) {
    app.mount(prefix, services.apps[service].fetch);
  }
  app.mount('/fx-rates', createFxRatesFake(ctx).fetch);
  app.mount('/public-web', createPublicWebFake().fetch);
  app.mount('/_control', createControlApp({ ctx, services, mounted, startedAtMs: Date.now() }).fetch);
  app.notFound((c) => c.json({ error: 'not_found', message: `nothing on the fake server answers ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    console.error(`[fakes] ${c.req.method} ${c.req.path} failed:`, err);
    return c.json({ error: 'internal', message: err instanceof Error ? err.message : String(err) }, 500);
  });
  return { app, services };
}

/** Starts every fake on one port (127.0.0.1 only). */
export async function createFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const ctx = createFakeContext({
    seed: options.seed,
    now: options.now,
    speed: options.speed,
    realAnchorMs: options.realAnchorMs,
    fleet: options.fleet,
    showcase: options.showcase,
  });
  const { app, services } = await buildFakeApp(options, ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8790, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  ctx.publicBaseUrl = url;
  let closing: Promise<void> | undefined;
  return {
    url,
    ctx,
    services,
    app,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}
