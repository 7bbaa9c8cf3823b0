import type { PeopleRefusal } from '../../auth/roles';
import type { MailFailure } from '../../email/sendgrid';
import { AppError } from '../errors';

/** A refused people change as the API answers it. */
export function peopleRefusal(reason: PeopleRefusal | 'not_found', what = 'member'): AppError {
  switch (reason) {
    case 'forbidden':
      return new AppError('forbidden', 'Only owners and admins manage people; editors and viewers manage nobody.');
    case 'above_own_role':
      return new AppError('forbidden', 'Nobody can grant a role above their own, or change someone whose role is above theirs.');
    case 'role_not_assignable':
      return new AppError('validation_failed', 'Some fields are missing or invalid.', {
        issues: [{ field: 'role', message: 'Agencies have owners and admins; tenants have admins, editors and viewers.' }],
      });
    case 'last_owner':
      return new AppError('conflict', 'The agency’s last owner cannot be demoted or removed: make someone else an owner first.');
    case 'not_found':
      return new AppError('not_found', `No such ${what}.`);
  }
}

/**
 * SendGrid refused the invitation email: nothing was stored. A refused address is the client's to
 * fix (400 naming `email`); anything else is ours or SendGrid's, and the client may simply retry (503).
 */
export function emailFailed(failure: MailFailure): AppError {
  if (failure.kind === 'rejected') {
    return new AppError('validation_failed', 'The invitation email could not be sent to this address; nothing was saved.', {
      issues: [{ field: 'email', message: 'The mail service refused this address.' }],
    });
  }
  const headers: Record<string, string> =
    failure.kind === 'rate_limited' && failure.retryAfterSeconds ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
  return new AppError('upstream_unavailable', 'The invitation email could not be sent; nothing was saved. Try again shortly.', { headers });
}
