/**
 * Inviting someone to a tenant or to an agency: the rule (worker/auth/roles.ts), a random token of
 * 32 bytes whose SHA-256 alone is stored, the invitation and its audit entry, and the email, all in
 * the scope's transaction: when SendGrid refuses the mail, nothing is stored and the caller may retry.
 */
import { type AgencyTx, type Database, type TenantTx, withAgency, withTenant } from '../../db/database';
import { listTenantDomains } from '../../db/queries/domains';
import { createInvitation, type InvitationSummary } from '../../db/queries/invitations';
import { type PeopleTx, recordPeopleAudit } from '../../db/queries/members';
import type { MembershipRole, TenantBranding } from '../../db/schema';
import { randomToken, sha256Hex } from '../auth/password';
import { decideInvitation, type PeopleRefusal } from '../auth/roles';
import { mailBrand, mailLink, mailLogoUrl } from '../email/brand';
import type { Mailer } from '../email/mailer';
import type { MailFailure } from '../email/sendgrid';
import { invitationEmail } from '../email/templates';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface PeopleDeps {
  db: Database;
  mailer: Mailer;
  /** The product's origin for this request (links when the tenant has no verified custom hostname). */
  appOrigin: string;
  production: boolean;
  now: Date;
}

/** Who sends the invitation: a signed-in user with their role in the scope, or an agency API key (acting as the agency's admin). */
export type Inviter =
  | { kind: 'user'; userId: string; name: string; role: MembershipRole }
  | { kind: 'api_key'; apiKeyId: string; agencyName: string };

export type InviteResult =
  | { ok: true; invitation: InvitationSummary }
  | { ok: false; reason: PeopleRefusal }
  | { ok: false; reason: 'email_failed'; failure: MailFailure };

class MailRefused extends Error {
  constructor(readonly failure: MailFailure) {
    super(`invitation email refused: ${failure.kind}`);
  }
}

export interface InviteTenant {
  id: string;
  name: string;
  agencyId: string | null;
  branding?: TenantBranding;
}

/** The tenant's first verified custom hostname, read in its own scope. */
async function verifiedHostname(tx: TenantTx): Promise<string | null> {
  return (await listTenantDomains(tx)).find((d) => d.status === 'verified')?.hostname ?? null;
}

async function invite(
  deps: PeopleDeps,
  tx: PeopleTx,
  inviter: Inviter,
  request: { email: string; role: MembershipRole },
  place: { name: string; tenantAgencyId: string | null; brandTenant: Parameters<typeof mailBrand>[0] },
): Promise<{ ok: true; invitation: InvitationSummary }> {
  const token = randomToken(32);
  const expiresAt = new Date(deps.now.getTime() + INVITATION_TTL_MS);
  const { invitation, replaced } = await createInvitation(
    tx,
    {
      email: request.email,
      role: request.role,
      tokenHash: await sha256Hex(token),
      invitedByUserId: inviter.kind === 'user' ? inviter.userId : null,
      expiresAt,
    },
    deps.now,
  );
  await recordPeopleAudit(
    tx,
    {
      action: 'invitation.created',
      target: invitation.id,
      actorUserId: inviter.kind === 'user' ? inviter.userId : null,
      details: {
        email: invitation.email,
        role: invitation.role,
        replaced,
        ...(inviter.kind === 'api_key' ? { by: `api_key:${inviter.apiKeyId}` } : {}),
      },
    },
    place.tenantAgencyId,
  );
  const brand = mailBrand(place.brandTenant, deps.appOrigin, deps.production);
  const mail = invitationEmail({
    productName: brand.productName,
    inviterName: inviter.kind === 'user' ? inviter.name : inviter.agencyName,
    placeName: place.name,
    role: request.role,
    acceptUrl: mailLink(brand, '/invite', token),
    expiresAt,
    logoUrl: mailLogoUrl(place.brandTenant, brand),
  });
  const sent = await deps.mailer({ email: invitation.email }, brand, mail);
  if (!sent.ok) throw new MailRefused(sent.failure);
  return { ok: true, invitation };
}

async function refusedMailAsResult(work: () => Promise<InviteResult>): Promise<InviteResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MailRefused) {
      // The failure's kind and SendGrid's message only: never the link or the address.
      const { kind, status, message } = error.failure;
      console.error(JSON.stringify({ level: 'error', event: 'invitation-email-failed', kind, status, message }));
      return { ok: false, reason: 'email_failed', failure: error.failure };
    }
    throw error;
  }
}

/** Invites `email` to the tenant as `role` (admin, editor or viewer), if the inviter may. */
export function inviteToTenant(
  deps: PeopleDeps,
  tenant: InviteTenant,
  inviter: Inviter,
  request: { email: string; role: MembershipRole },
  inTransaction?: (fn: (tx: TenantTx) => Promise<InviteResult>) => Promise<InviteResult>,
): Promise<InviteResult> {
  const decision = decideInvitation(inviter.kind === 'user' ? inviter.role : 'admin', 'tenant', request.role);
  if (!decision.ok) return Promise.resolve(decision);
  const run = inTransaction ?? ((fn) => withTenant(deps.db, tenant.id, fn));
  return refusedMailAsResult(() =>
    run(async (tx) =>
      invite(deps, tx, inviter, request, {
        name: tenant.name,
        tenantAgencyId: tenant.agencyId,
        brandTenant: { id: tenant.id, name: tenant.name, branding: tenant.branding ?? {}, verifiedHostname: await verifiedHostname(tx) },
      }),
    ),
  );
}

/** Invites `email` to the agency itself as owner or admin, if the inviter may (mail in the product's own name). */
export function inviteToAgency(
  deps: PeopleDeps,
  agency: { id: string; name: string },
  inviter: Inviter,
  request: { email: string; role: MembershipRole },
): Promise<InviteResult> {
  const decision = decideInvitation(inviter.kind === 'user' ? inviter.role : 'admin', 'agency', request.role);
  if (!decision.ok) return Promise.resolve(decision);
  return refusedMailAsResult(() =>
    withAgency(deps.db, agency.id, (tx: AgencyTx) =>
      invite(deps, tx, inviter, request, { name: agency.name, tenantAgencyId: null, brandTenant: null }),
    ),
  );
}
