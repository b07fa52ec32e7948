import "server-only";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/security/client-ip";
import { consumeRateLimit } from "@/lib/security/rate-limit";

/**
 * Throttles the next-auth endpoints that try a sign-in or send an email link: every such request
 * counts against its client IP, and, when it names an email address (a link request, a link
 * clicked), against that address too, over DESK_SIGNIN_RATE_WINDOW_MINUTES. Returns the answer
 * for a throttled request, or null to let next-auth handle it.
 */
export async function throttleSignIn(request: Request, path: readonly string[]): Promise<Response | null> {
  const [action] = path;
  const attempt = (action === "signin" && request.method === "POST") || action === "callback";
  if (!attempt) return null;
  const e = env();
  const windowSeconds = e.DESK_SIGNIN_RATE_WINDOW_MINUTES * 60;
  const address = await addressOf(request);
  const checks = [
    consumeRateLimit({ scope: "signin-ip", subject: clientIp(request.headers), limit: e.DESK_SIGNIN_RATE_PER_IP, windowSeconds }),
    ...(address ? [consumeRateLimit({ scope: "signin-address", subject: address, limit: e.DESK_SIGNIN_RATE_PER_ADDRESS, windowSeconds })] : []),
  ];
  const refused = (await Promise.all(checks)).find((rate) => !rate.allowed);
  if (!refused) return null;
  const url = new URL("/signin?error=throttled", e.NEXTAUTH_URL).toString();
  const retry = { "Retry-After": String(refused.resetSeconds), "Cache-Control": "no-store" };
  // next-auth's client posts and then goes wherever the JSON's url says; a clicked link is a GET.
  return request.method === "POST" ? Response.json({ url }, { status: 429, headers: retry }) : new Response(null, { status: 303, headers: { ...retry, Location: url } });
}

/** The email address a link request posts, or a clicked link carries; lower-cased as the directory keeps it. */
async function addressOf(request: Request): Promise<string | null> {
  let value: unknown = new URL(request.url).searchParams.get("email");
  if (!value && request.method === "POST" && /application\/x-www-form-urlencoded|multipart\/form-data/.test(request.headers.get("content-type") ?? "")) {
    value = await request
      .clone()
      .formData()
      .then((form) => form.get("email"))
      .catch(() => null);
  }
  return typeof value === "string" && value.trim() ? value.trim().toLowerCase() : null;
}
