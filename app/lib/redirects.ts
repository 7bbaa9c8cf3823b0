/**
 * Where to send someone after sign-in: a path on `origin`, else home. `next` is resolved the way a
 * browser resolves a Location (URL strips tabs and newlines and reads `\` as `/`), and what comes back
 * is the resolved path, so `/<TAB>/evil.example` or `/.//evil.example` can never become `//evil.example`.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
  if (!next) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes is itself a link to another host.
  return /^\/[/\\]/.test(path) ? '/' : path;
}
