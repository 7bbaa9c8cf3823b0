import type { InvitationView } from '$worker/people/accept';

/** What the accept page may show of an invitation: never its id or token, only who, what, as what. */
export type InvitationDescription =
  | { state: 'unknown' }
  | {
      state: 'pending' | 'expired' | 'used' | 'revoked';
      email: string;
      role: string;
      placeName: string;
      inviterName: string | null;
      hasAccount: boolean;
    };

export function describeInvitation(view: InvitationView): InvitationDescription {
  if (view.state === 'unknown') return { state: 'unknown' };
  const { invitation } = view;
  return {
    state: view.state,
    email: invitation.email,
    role: invitation.role,
    placeName: invitation.tenant?.name ?? invitation.agency?.name ?? 'your team',
    inviterName: invitation.inviterName ?? invitation.agency?.name ?? null,
    hasAccount: view.state === 'pending' && view.hasAccount,
  };
}
