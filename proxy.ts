import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isForeignServerAction, isUnusablePath, securityHeaders, servedOverHttps } from "@/lib/security/headers";
import type { ApiErrorCode } from "@/lib/validation/api";

/**
 * Runs before every route: sets the security headers (a fresh CSP nonce per request, which Next.js
 * reads from the request's policy header), and answers the requests Next.js itself would crash on
 * with a 4xx. It decides nothing about who may do what: that is lib/'s business.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({ nonce, dev: env().NODE_ENV === "development", https: servedOverHttps(request) });
  const withHeaders = (response: NextResponse | Response) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  const api = request.nextUrl.pathname.startsWith("/api/");
  if (isUnusablePath(request.nextUrl.pathname)) return withHeaders(refuse(api, 400, "INVALID_INPUT", "This address is not valid: it holds an escape (%..) that is not UTF-8 text."));
  if (isForeignServerAction(request)) return withHeaders(refuse(api, 403, "FORBIDDEN", "This form was sent from another site, so it was refused."));

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

/** The refusal in the API's JSON error shape under /api/, as plain text elsewhere. */
function refuse(api: boolean, status: number, code: ApiErrorCode, message: string): Response {
  const headers = { "Cache-Control": "no-store" };
  return api ? Response.json({ error: { code, message } }, { status, headers }) : new Response(message, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Every route, API included; Next.js's hashed build assets are served as they are.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
