import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isUnusablePath, isForeignServerAction, securityHeaders, servedOverHttps } from "@/lib/security/headers";

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

  if (isUnusablePath(request.nextUrl.pathname)) return withHeaders(plain(400, "This address is not valid: it holds an escape (%..) that is not UTF-8 text."));
  if (isForeignServerAction(request)) return withHeaders(plain(403, "This form was sent from another site, so it was refused."));

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

const plain = (status: number, message: string) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export const config = {
  // Every route, API included; Next.js's hashed build assets are served as they are.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
