import { z } from 'zod';
import { membershipRoleSchema } from '../../db/schema/enums';

/** An invitation as a signed-in manager sends it: the session API and the settings page's form both read it with this. */
export const invitationRequestSchema = z.object({
  email: z.string().trim().email('Enter a valid email address.').max(320),
  role: membershipRoleSchema,
});
