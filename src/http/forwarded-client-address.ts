/**
 * The client's address as the reverse proxy in front of this server saw it: the last entry of X-Forwarded-For, the
 * one that proxy appended (nginx's `$proxy_add_x_forwarded_for`). Entries before it are the client's own say and are
 * not believed. Only for a server that nothing reaches but through that proxy (WHOSAID_TRUST_PROXY).
 */
export function forwardedClientAddress(request: Request): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || undefined;
}
