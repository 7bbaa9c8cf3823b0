import { describe, expect, it } from 'vitest';
import { type CloudflareHostname, domainState } from './status';

const record = (status: string, ssl: string, extra: Partial<CloudflareHostname> = {}): CloudflareHostname => ({
  id: 'cf-1',
  hostname: 'reports.client.com',
  status,
  ssl: { status: ssl, method: 'txt', txt_name: '_acme-challenge.reports.client.com', txt_value: 'ssl-token' },
  verification_errors: status === 'active' ? [] : ['custom hostname does not CNAME to this zone.'],
  ownership_verification: { type: 'txt', name: '_cf-custom-hostname.reports.client.com', value: 'owner-token' },
  ...extra,
});

describe('domainState', () => {
  it('is pending with the CNAME, ownership and certificate records and Cloudflare’s reason', () => {
    const state = domainState(record('pending', 'pending_validation'), 'customers.tidemark.dev');
    expect(state.status).toBe('pending');
    expect(state.records.map((r) => [r.type, r.name, r.value])).toEqual([
      ['CNAME', 'reports.client.com', 'customers.tidemark.dev'],
      ['TXT', '_cf-custom-hostname.reports.client.com', 'owner-token'],
      ['TXT', '_acme-challenge.reports.client.com', 'ssl-token'],
    ]);
    expect(state.problems).toEqual(['custom hostname does not CNAME to this zone.']);
  });

  it('is verified only when the hostname and its certificate are both active, and then needs only the CNAME', () => {
    expect(domainState(record('active', 'pending_validation'), 't').status).toBe('pending');
    const verified = domainState(record('active', 'active'), 't');
    expect(verified).toEqual({ status: 'verified', records: [expect.objectContaining({ type: 'CNAME' })], problems: [] });
  });

  it.each([
    ['pending', 'validation_timed_out', 'not found in time'],
    ['blocked', 'pending_validation', 'blocked'],
    ['moved', 'active', 'no longer points at Tidemark'],
  ])('is failed when Cloudflare reports %s / %s, saying what to do', (status, ssl, words) => {
    const state = domainState(record(status, ssl), 't');
    expect(state.status).toBe('failed');
    expect(state.problems.at(-1)).toContain(words);
  });
});
