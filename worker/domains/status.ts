/**
 * What Cloudflare's custom-hostname record means for us: pending until both ownership and the
 * certificate are validated, verified once the hostname is active, failed when Cloudflare gave up
 * (validation timed out, the hostname was blocked or moved). With the DNS records the client
 * must create, in the form a page or an email can show. Pure.
 */
import { z } from 'zod';
import type { DomainVerificationStatus } from '../../db/schema/enum-values';

export const cloudflareHostnameSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  status: z.string(),
  ssl: z
    .object({
      status: z.string(),
      method: z.string().optional(),
      txt_name: z.string().optional(),
      txt_value: z.string().optional(),
      http_url: z.string().optional(),
      http_body: z.string().optional(),
    })
    .passthrough()
    .optional(),
  verification_errors: z.array(z.string()).optional(),
  ownership_verification: z.object({ type: z.string(), name: z.string(), value: z.string() }).optional(),
});
export type CloudflareHostname = z.infer<typeof cloudflareHostnameSchema>;

export interface DnsRecord {
  type: 'CNAME' | 'TXT';
  name: string;
  value: string;
  /** Why the client adds it, in plain words. */
  purpose: string;
}

export interface DomainState {
  status: DomainVerificationStatus;
  records: DnsRecord[];
  /** Cloudflare's own words when the hostname is not active yet or failed; empty when verified. */
  problems: string[];
}

const FAILED_HOSTNAME = new Set(['blocked', 'moved', 'deleted']);
const FAILED_SSL = new Set(['validation_timed_out', 'issuance_timed_out', 'deleted', 'expired']);

/** `target` is the hostname the client's CNAME must point at (our SaaS fallback origin). */
export function domainState(record: CloudflareHostname, target: string): DomainState {
  const sslStatus = record.ssl?.status ?? 'pending_validation';
  const status: DomainVerificationStatus =
    record.status === 'active' && sslStatus === 'active'
      ? 'verified'
      : FAILED_HOSTNAME.has(record.status) || FAILED_SSL.has(sslStatus)
        ? 'failed'
        : 'pending';
  const records: DnsRecord[] = [
    { type: 'CNAME', name: record.hostname, value: target, purpose: 'sends the hostname’s traffic to Tidemark' },
  ];
  if (record.ownership_verification && status !== 'verified') {
    const { name, value } = record.ownership_verification;
    records.push({ type: 'TXT', name, value, purpose: 'proves you own the hostname' });
  }
  if (record.ssl?.txt_name && record.ssl.txt_value && status !== 'verified') {
    records.push({ type: 'TXT', name: record.ssl.txt_name, value: record.ssl.txt_value, purpose: 'lets the certificate be issued' });
  }
  const problems =
    status === 'verified'
      ? []
      : [...(record.verification_errors ?? []), ...(status === 'failed' ? [failureWords(record.status, sslStatus)] : [])];
  return { status, records, problems };
}

function failureWords(hostnameStatus: string, sslStatus: string): string {
  if (hostnameStatus === 'blocked') return 'Cloudflare blocked this hostname; contact support.';
  if (hostnameStatus === 'moved') return 'The hostname no longer points at Tidemark; check its CNAME record, then retry.';
  if (sslStatus.endsWith('timed_out')) return 'The DNS records were not found in time; add them, then retry the verification.';
  return `Cloudflare reports ${hostnameStatus} / ${sslStatus}.`;
}
