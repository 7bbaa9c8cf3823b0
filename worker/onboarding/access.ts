import { type Database, withTenant } from '../../db/client';
import {
  findOnboardingLinkByTokenHash,
  getOnboardingTenant,
  type OnboardingLink,
  type OnboardingTenant,
} from '../../db/queries/onboarding-links';
import { sha256Hex } from '../auth/password';
import type { HostRoute } from '../domains/host-route';
import { linkState, ONBOARDING_TOKEN } from './link-policy';

export interface OnboardingAccess {
  link: OnboardingLink;
  tenant: OnboardingTenant;
}

export type OnboardingAccessResult = { ok: true; access: OnboardingAccess } | { ok: false; reason: 'not_found' | 'expired' | 'revoked' };

/**
 * What an onboarding token opens: its link and tenant, if the link is usable and the request's host
 * may show that tenant (the product's own host, or that tenant's custom domain: never another's).
 */
export async function resolveOnboardingLink(db: Database, token: string, host: HostRoute, now: Date): Promise<OnboardingAccessResult> {
  if (!ONBOARDING_TOKEN.test(token) || host.kind === 'unknown') return { ok: false, reason: 'not_found' };
  const link = await findOnboardingLinkByTokenHash(db, await sha256Hex(token));
  if (!link || (host.kind === 'tenant' && host.tenant.id !== link.tenantId)) return { ok: false, reason: 'not_found' };
  const state = linkState(link, now);
  if (state !== 'usable') return { ok: false, reason: state };
  const tenant = await withTenant(db, link.tenantId, (tx) => getOnboardingTenant(tx));
  if (!tenant) return { ok: false, reason: 'not_found' };
  return { ok: true, access: { link, tenant } };
}
