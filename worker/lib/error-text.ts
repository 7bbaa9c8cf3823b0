/**
 * A thrown value as text for a server-side log line: the message of each error in its `cause`
 * chain (drizzle wraps the driver's error as "Failed query: …"), with every URL written out as
 * `[url]`, since a connection string carries its password.
 */
export function describeErrorForLog(error: unknown, maxDepth = 4): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' <- ').replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]');
}
