import { createRoute, z } from '@hono/zod-openapi';
import { PLATFORMS } from '../../../db/schema/enum-values';
import { DEFAULT_LINK_DAYS, MAX_LINK_DAYS } from '../../onboarding/link-policy';
import { idempotencyHeaderSchema, problemResponses, tenantIdParamSchema, writeProblemResponses } from './schemas';

/** Route definitions of the onboarding-link operations (handlers in onboarding-links.ts). */

const security = [{ apiKey: [] }];

export const onboardingLinkCreateSchema = z
  .object({
    platforms: z
      .array(z.enum(PLATFORMS))
      .min(1)
      .max(PLATFORMS.length)
      .optional()
      .openapi({
        description: 'Platforms the client may connect through the link; all three when left out.',
        example: ['meta', 'linkedin'],
      }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_LINK_DAYS)
      .default(DEFAULT_LINK_DAYS)
      .openapi({ description: `Days until the link stops working, 1 to ${MAX_LINK_DAYS}.`, example: DEFAULT_LINK_DAYS }),
  })
  .strict()
  .openapi('OnboardingLinkCreate');

export const onboardingLinkSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    url: z.url().openapi({
      description:
        "The page to send the client: on the tenant's verified custom domain when it has one, else on the app. It carries the link's secret token; only its SHA-256 is stored.",
    }),
    platforms: z.array(z.enum(PLATFORMS)),
    expiresAt: z.iso.datetime(),
  })
  .openapi('OnboardingLink');

export const onboardingLinkParamSchema = tenantIdParamSchema.extend({
  linkId: z.uuid({ message: 'Must be an onboarding link id (UUID).' }).openapi({ param: { name: 'linkId', in: 'path' } }),
});

export const createOnboardingLink = createRoute({
  method: 'post',
  path: '/tenants/{tenantId}/onboarding-links',
  operationId: 'createOnboardingLink',
  summary: 'Create a client onboarding link',
  description:
    "A link to a page in the tenant's branding where the client, without a login, connects ad platforms, picks the ad accounts to sync and watches their history import.",
  security,
  request: {
    params: tenantIdParamSchema,
    headers: idempotencyHeaderSchema,
    body: { required: true, content: { 'application/json': { schema: onboardingLinkCreateSchema } } },
  },
  responses: {
    201: {
      description: 'The link (also when an Idempotency-Key replays it; then `Idempotent-Replayed: true`).',
      content: { 'application/json': { schema: onboardingLinkSchema } },
    },
    ...writeProblemResponses,
  },
});

export const revokeOnboardingLink = createRoute({
  method: 'delete',
  path: '/tenants/{tenantId}/onboarding-links/{linkId}',
  operationId: 'revokeOnboardingLink',
  summary: 'Revoke a client onboarding link',
  description: 'The link stops working at once; connections already made through it stay.',
  security,
  request: { params: onboardingLinkParamSchema },
  responses: {
    204: { description: 'Revoked.' },
    ...problemResponses,
    403: writeProblemResponses[403],
    404: { ...problemResponses[404], description: 'No such tenant in this agency, or no such (unrevoked) link of it.' },
  },
});
