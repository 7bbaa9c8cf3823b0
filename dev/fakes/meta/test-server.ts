import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createFakeContext, type FakeContextOptions, type FullFakeContext } from '../fake-context';
import { createMetaFake } from './index';

export interface RunningMetaFake {
  /** Base URL of the Meta prefix, e.g. http://127.0.0.1:40123/meta. */
  url: string;
  ctx: FullFakeContext;
  close(): Promise<void>;
}

/** The Meta fake alone on an ephemeral 127.0.0.1 port, mounted at /meta as the fake server does. */
export async function startMetaFake(options: FakeContextOptions = {}): Promise<RunningMetaFake> {
  const ctx = createFakeContext({ speed: 0, now: new Date('2026-03-10T15:00:00Z'), ...options });
  const app = new Hono();
  app.route('/meta', createMetaFake(ctx));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  ctx.publicBaseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `${ctx.publicBaseUrl}/meta`,
    ctx,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
