/** The Postgres Terminate message: 'X' followed by int32 length 4. */
const TERMINATE = [0x58, 0x00, 0x00, 0x00, 0x04];

/**
 * True when a client frame ends with Terminate. pglite-socket never closes the TCP side on
 * Terminate, which leaves its single connection slot taken (STACK.md P4), so the proxy ends it.
 */
export function endsWithTerminate(frame: Uint8Array): boolean {
  if (frame.length < TERMINATE.length) return false;
  const offset = frame.length - TERMINATE.length;
  return TERMINATE.every((byte, i) => frame[offset + i] === byte);
}

/** Reads the `address` query parameter of a Neon wsproxy request (`/v1?address=host:port`). */
export function parseProxyTarget(requestUrl: string | undefined): string | null {
  if (!requestUrl) return null;
  const url = new URL(requestUrl, 'http://proxy.invalid');
  if (url.pathname !== '/v1') return null;
  const address = url.searchParams.get('address');
  if (!address || !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(address)) return null;
  return address.toLowerCase();
}

/** Exact match against the configured targets: the proxy is never open. */
export function isAllowedTarget(address: string, allowedTargets: readonly string[]): boolean {
  return allowedTargets.some((allowed) => allowed.toLowerCase() === address);
}

export function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}
