import type { Hono } from 'hono';
import type { FakeContext } from '../context';
import { createCloudflareFake } from './cloudflare';
import { createHostnameStore, type HostnameStore } from './cloudflare-hostnames';
import { createDataDogFake } from './datadog';
import { createOutbox, type OutboundService, type Outbox } from './outbox';
import { createSendGridFake } from './sendgrid';
import { createSlackFake } from './slack';
import { createWebhookReceiverFake } from './webhooks';

export interface OutboundServices {
  apps: Record<OutboundService, Hono>;
  outbox: Outbox;
  hostnames: HostnameStore;
}

/** The fakes of the services Tidemark sends to: email, Slack, DataDog, Cloudflare custom hostnames, agencies' webhook receivers. */
export function createOutboundServices(ctx: FakeContext, options: { hostnameActivationDelayMs?: number } = {}): OutboundServices {
  const outbox = createOutbox();
  const hostnames = createHostnameStore({
    nowMs: () => ctx.world.clock.now().getTime(),
    activationDelayMs: options.hostnameActivationDelayMs,
  });
  return {
    outbox,
    hostnames,
    apps: {
      sendgrid: createSendGridFake(ctx, outbox),
      slack: createSlackFake(ctx, outbox),
      datadog: createDataDogFake(ctx, outbox),
      cloudflare: createCloudflareFake(ctx, outbox, hostnames),
      webhooks: createWebhookReceiverFake(ctx, outbox),
    },
  };
}

export const OUTBOUND_PREFIXES: Record<OutboundService, string> = {
  sendgrid: '/sendgrid',
  slack: '/slack',
  datadog: '/datadog',
  cloudflare: '/cloudflare',
  webhooks: '/receivers',
};
export type { OutboundService } from './outbox';
