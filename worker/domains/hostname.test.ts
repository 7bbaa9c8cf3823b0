import { describe, expect, it } from 'vitest';
import { parseCustomHostname, requestHostname } from './hostname';

describe('parseCustomHostname', () => {
  it.each([
    ['reports.client.com', 'reports.client.com'],
    ['  Reports.Client.COM.  ', 'reports.client.com'],
    ['bücher.example.de', 'xn--bcher-kva.example.de'],
    ['a-b.c-d.co.uk', 'a-b.c-d.co.uk'],
  ])('accepts %j as %s', (input, hostname) => {
    expect(parseCustomHostname(input)).toEqual({ ok: true, hostname });
  });

  it.each([
    [42, 'must be a hostname'],
    ['', 'must not be empty'],
    ['https://reports.client.com/', 'bare hostname'],
    ['reports.client.com:8443', 'bare hostname'],
    ['*.client.com', 'bare hostname'],
    ['reports client.com', 'bare hostname'],
    ['reports.client.com\u0000', 'bare hostname'],
    ['user@client.com', 'bare hostname'],
    ['localhost', 'at least two labels'],
    ['192.168.0.1', 'not an IP address'],
    ['-bad.client.com', 'label'],
    ['client.c0m', 'top-level domain'],
    ['client.123', 'not a valid hostname'],
    ['shop.example', 'reserved'],
    [`${'a'.repeat(64)}.com`, 'label'],
    [`${'abc.'.repeat(70)}com`, 'longer than a hostname'],
  ])('refuses %j with a reason that says why (%s)', (input, reason) => {
    const checked = parseCustomHostname(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain(reason);
  });

  it('refuses the product’s own hosts and their subdomains, not lookalikes', () => {
    const ownHosts = ['tidemark.dev'];
    expect(parseCustomHostname('app.tidemark.dev', { ownHosts })).toMatchObject({ ok: false, reason: 'belongs to Tidemark itself' });
    expect(parseCustomHostname('TIDEMARK.dev', { ownHosts })).toMatchObject({ ok: false });
    expect(parseCustomHostname('nottidemark.dev', { ownHosts })).toEqual({ ok: true, hostname: 'nottidemark.dev' });
  });

  it('allows .localhost and .test names only outside production, and never localhost itself', () => {
    const ownHosts = ['localhost', 'tidemark.test'];
    expect(parseCustomHostname('reports.acme.localhost', { ownHosts })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('reserved'),
    });
    expect(parseCustomHostname('reports.acme.localhost', { ownHosts, allowLocal: true })).toEqual({
      ok: true,
      hostname: 'reports.acme.localhost',
    });
    expect(parseCustomHostname('acme.test', { ownHosts, allowLocal: true })).toEqual({ ok: true, hostname: 'acme.test' });
    expect(parseCustomHostname('x.tidemark.test', { ownHosts, allowLocal: true })).toMatchObject({
      ok: false,
      reason: 'belongs to Tidemark itself',
    });
  });
});

describe('requestHostname', () => {
  it('drops the port and the trailing dot and lowercases', () => {
    expect(requestHostname('Reports.Client.com.:8787')).toBe('reports.client.com');
    expect(requestHostname('127.0.0.1:5173')).toBe('127.0.0.1');
  });

  it('answers null for a missing or unparsable Host', () => {
    expect(requestHostname(null)).toBeNull();
    expect(requestHostname('bad host/\u0000')).toBeNull();
  });
});
