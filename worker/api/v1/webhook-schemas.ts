import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES } from '../../../db/schema';

const eventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).openapi({ description: 'An event the endpoint receives.' });

export const webhookCreateSchema = z
  .object({
    url: z
      .string()
      .max(2000)
      .openapi({ example: 'https://hooks.acme-agency.com/tidemark', description: 'https; we POST signed JSON here.' }),
    events: z.array(eventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
  })
  .strict()
  .openapi('WebhookCreate');

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(eventTypeSchema),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Webhook');

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().openapi({
      description:
        'Shown once. Each delivery carries `Tidemark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with this secret>`; refuse a t older than 300 seconds.',
    }),
  })
  .openapi('CreatedWebhook');

export const webhookListSchema = z.object({ data: z.array(webhookSchema) }).openapi('WebhookList');

export const webhookIdParamSchema = z.object({
  webhookId: z.uuid({ message: 'Must be a webhook id (UUID).' }).openapi({ param: { name: 'webhookId', in: 'path' } }),
});
