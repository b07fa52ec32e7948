/**
 * next-auth's session cookie as it names it: `next-auth.session-token`, with the `__Secure-` prefix
 * on https, split into `.0`, `.1`, … when the JWT is too long for one cookie.
 */
export function isSessionCookie(name: string): boolean {
  return /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(name);
}
