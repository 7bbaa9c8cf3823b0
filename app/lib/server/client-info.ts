/** The client's address and user agent as the Worker sees them (Cloudflare sets cf-connecting-ip). */
export function clientInfo(request: Request): { ip: string; userAgent: string } {
  return { ip: request.headers.get('cf-connecting-ip') ?? '127.0.0.1', userAgent: request.headers.get('user-agent') ?? '' };
}
