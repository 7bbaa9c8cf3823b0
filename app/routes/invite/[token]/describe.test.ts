import { describe, expect, it } from 'vitest';
import type { InvitationLookup } from '$db/queries/invitations';
import { describeInvitation } from './describe';

const invitation: InvitationLookup = {
  id: '6f1c1d2e-0000-4000-8000-000000000001',
  email: 'ana@client.test',
  role: 'editor',
  expiresAt: new Date('2026-12-09T00:00:00Z'),
  acceptedAt: null,
  revokedAt: null,
  inviterName: 'Eve',
  tenant: { id: 't-1', slug: 'acme', name: 'Acme', agencyId: 'a-1', branding: {} },
  agency: { id: 'a-1', name: 'Agency One' },
};

describe('what the accept page shows of an invitation', () => {
  it('says who invited whom to what as which role, and nothing that identifies the row', () => {
    const shown = describeInvitation({ state: 'pending', invitation, hasAccount: false });
    expect(shown).toEqual({
      state: 'pending',
      email: 'ana@client.test',
      role: 'editor',
      placeName: 'Acme',
      inviterName: 'Eve',
      hasAccount: false,
    });
    expect(JSON.stringify(shown)).not.toContain(invitation.id);
  });

  it('names the agency for an agency invitation, and as the inviter when an API key sent it', () => {
    const shown = describeInvitation({ state: 'expired', invitation: { ...invitation, tenant: null, inviterName: null } });
    expect(shown).toMatchObject({ state: 'expired', placeName: 'Agency One', inviterName: 'Agency One', hasAccount: false });
  });

  it('shows nothing but the state of an unknown link', () => {
    expect(describeInvitation({ state: 'unknown' })).toEqual({ state: 'unknown' });
  });
});
