/**
 * The client's address as the desk can know it: the last entry of X-Forwarded-For, which the
 * reverse proxy in front of the desk appends (Next.js sets it to the socket's peer when no proxy
 * did). Entries before it were written by the client and prove nothing.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip") ?? "unknown";
}
