/**
 * A custom hostname as a tenant may register it: what a client types ("Reports.Client.com.",
 * "https://reports.client.com/") becomes one lowercase ASCII hostname, or a reason it cannot be one.
 * Pure. The product's own hosts (and their subdomains) are never a tenant's.
 *
 * Outside production, names under .localhost and .test are allowed: browsers resolve *.localhost to
 * this machine, so a custom domain can be tried locally (`reports.acme.localhost:8787`).
 */

export interface HostnameRules {
  ownHosts?: readonly string[];
  /** Allow the reserved .localhost and .test names (development and tests only). */
  allowLocal?: boolean;
}

export type HostnameCheck = { ok: true; hostname: string } | { ok: false; reason: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const RESERVED_SUFFIXES = ['localhost', 'local', 'internal', 'invalid', 'test', 'example', 'onion'];
const LOCAL_SUFFIXES = ['localhost', 'test'];

/** One of the product's hosts or a subdomain of one ('localhost' only exactly: its subdomains are local custom domains). */
export function isOwnHost(hostname: string, ownHosts: readonly string[]): boolean {
  return ownHosts.some((own) => {
    const h = own.trim().toLowerCase();
    return hostname === h || (h !== 'localhost' && hostname.endsWith(`.${h}`));
  });
}

export function parseCustomHostname(input: unknown, rules: HostnameRules = {}): HostnameCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a hostname such as reports.example.com' };
  const typed = input.trim();
  if (!typed) return { ok: false, reason: 'must not be empty' };
  if (typed.length > 300) return { ok: false, reason: 'is longer than a hostname can be (253 characters)' };
  if (/[\s/\\?#@:*]/.test(typed) || hasControlCharacter(typed)) {
    return { ok: false, reason: 'must be a bare hostname: no scheme, port, path, wildcard or spaces' };
  }
  let ascii: string;
  try {
    // The URL parser applies IDNA (ü → xn--…) and lowercases, as browsers do.
    ascii = new URL(`https://${typed}/`).hostname;
  } catch {
    return { ok: false, reason: 'is not a valid hostname' };
  }
  const hostname = ascii.replace(/\.$/, '');
  if (hostname.length > 253) return { ok: false, reason: 'is longer than a hostname can be (253 characters)' };
  if (/^\d+(?:\.\d+){3}$/.test(hostname) || hostname.startsWith('[')) return { ok: false, reason: 'must be a hostname, not an IP address' };
  const labels = hostname.split('.');
  if (labels.length < 2) return { ok: false, reason: 'must have at least two labels, such as example.com' };
  if (!labels.every((label) => LABEL.test(label)))
    return { ok: false, reason: 'has a label that is empty, too long or has characters a hostname cannot' };
  if (!TOP_LEVEL.test(labels.at(-1)!)) return { ok: false, reason: 'does not end in a top-level domain' };
  const top = labels.at(-1)!;
  const local = rules.allowLocal === true && LOCAL_SUFFIXES.includes(top);
  if (RESERVED_SUFFIXES.includes(top) && !local)
    return { ok: false, reason: `ends in .${top}, which is reserved and cannot be served publicly` };
  if (isOwnHost(hostname, rules.ownHosts ?? [])) return { ok: false, reason: 'belongs to Tidemark itself' };
  return { ok: true, hostname };
}

/** The Host of a request as the domain tables store it (lowercase, no port, no trailing dot). */
export function requestHostname(hostHeader: string | null | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`https://${hostHeader.trim()}/`).hostname.replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}
