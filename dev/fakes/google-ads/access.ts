import type { FakeAccount, FakeMember, World } from '../world/types';
import { adsError, customerNotEnabled, type GoogleAdsHttpError, userPermissionDenied } from './errors';

const DIGITS = /^\d{10}$/;

/** `customers/{cid}` must be ten digits without dashes. */
export function checkCustomerId(cid: string): GoogleAdsHttpError | null {
  return DIGITS.test(cid) ? null : adsError('INVALID_ARGUMENT', 'requestError', 'INVALID_CUSTOMER_ID', 'Customer ID is invalid.');
}

/** login-customer-id / linked-customer-id headers: digits only, no dashes. */
export function checkHeaderCustomerId(
  name: 'login-customer-id' | 'linked-customer-id',
  value: string | undefined,
): GoogleAdsHttpError | null {
  if (value === undefined || DIGITS.test(value)) return null;
  const code = name === 'login-customer-id' ? 'INVALID_LOGIN_CUSTOMER_ID' : 'INVALID_LINKED_CUSTOMER_ID';
  return adsError('INVALID_ARGUMENT', 'headerError', code, `The ${name} header value must be a customer ID of 10 digits without dashes.`);
}

/**
 * Resolves the customer a request may read. Without login-customer-id the member needs a direct grant on the
 * customer; with it, the member needs the login customer, and the target must be it or one of its clients.
 * Unknown customers answer like forbidden ones, as on Google.
 */
export function resolveCustomer(
  world: World,
  member: FakeMember,
  cid: string,
  loginCustomerId: string | undefined,
): FakeAccount | GoogleAdsHttpError {
  const account = world.account('google_ads', cid);
  if (!account) return userPermissionDenied();
  const via = loginCustomerId ?? cid;
  if (!member.accountIds.includes(via)) return userPermissionDenied();
  if (via !== cid && account.managerId !== via) return userPermissionDenied();
  if (account.status !== 'ACTIVE') return customerNotEnabled();
  return account;
}

/** What listAccessibleCustomers returns: the customers granted to the member directly (managers included, not their clients). */
export function accessibleCustomers(member: FakeMember): string[] {
  return member.accountIds.map((id) => `customers/${id}`);
}
