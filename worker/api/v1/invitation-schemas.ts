import { createRoute, z } from '@hono/zod-openapi';
import { ASSIGNABLE_ROLES } from '../../auth/roles';
import { idempotencyHeaderSchema, problemResponses, tenantIdParamSchema, writeProblemResponses } from './schemas';

const tenantRoles = ASSIGNABLE_ROLES.tenant as readonly ['admin', 'editor', 'viewer'];

export const invitationCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('Must be an email address.').max(320).openapi({ example: 'ana@acme-shoes.com' }),
    role: z.enum(tenantRoles, { message: `One of ${tenantRoles.join(', ')}.` }).openapi({ description: 'The role in the tenant.' }),
  })
  .strict()
  .openapi('InvitationCreate');

export const invitationSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    email: z.string(),
    role: z.enum(tenantRoles),
    createdAt: z.string().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time', description: 'Seven days after creation; the link works once.' }),
  })
  .openapi('Invitation');

export const createInvitation = createRoute({
  method: 'post',
  path: '/tenants/{tenantId}/invitations',
  operationId: 'createInvitation',
  summary: 'Invite someone to a tenant',
  description:
    "Emails a single-use link (valid seven days) in the tenant's branding, on its custom domain once verified. Inviting the same email again replaces the earlier link. The link itself is never returned.",
  security: [{ apiKey: [] }],
  request: {
    params: tenantIdParamSchema,
    headers: idempotencyHeaderSchema,
    body: { required: true, content: { 'application/json': { schema: invitationCreateSchema } } },
  },
  responses: {
    201: {
      description: 'The invitation (also when an Idempotency-Key replays it).',
      content: { 'application/json': { schema: invitationSchema } },
    },
    ...writeProblemResponses,
    404: { ...problemResponses[404], description: 'No such tenant in this agency.' },
    503: { description: 'The email could not be sent; nothing was stored, retry.', content: problemResponses[404].content },
  },
});
