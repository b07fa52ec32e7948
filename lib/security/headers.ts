/**
 * The security headers of every response, decided in one place and set by proxy.ts. The policy is
 * nonce-based, as Next.js documents for the App Router: Next.js reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own scripts and styles, and 'strict-dynamic'
 * lets those load the chunks they need. Nothing else may run a script or frame the desk.
 */
export function contentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean }): string {
  const { nonce, dev, https } = options;
  return [
    "default-src 'self'",
    // React uses eval only in development, to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // style="..." attributes (charts set sizes and colours this way) cannot carry a nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const strictTransportSecurity = "max-age=63072000; includeSubDomains";

export function securityHeaders(options: { nonce: string; dev: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(options.https ? { "Strict-Transport-Security": strictTransportSecurity } : {}),
  };
}

/** Whether the request reached the desk over https, directly or through a proxy that terminated TLS. */
export function servedOverHttps(request: { url: string; headers: Headers }): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return (forwarded ?? new URL(request.url).protocol.replace(/:$/, "")) === "https";
}

/**
 * A path no route can serve: an escape that is not UTF-8 (`/requests/%ff%fe`), which Next.js
 * itself answers with a 500, or a NUL (`/queue/%00`), which PostgreSQL refuses wherever the
 * segment is looked up. Either is a 400 before any route runs.
 */
export function isUnusablePath(pathname: string): boolean {
  try {
    return decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return true;
  }
}

/**
 * A Server Action posted from another site. Next.js refuses it too, but with a 500; the Origin's
 * host must be the host the request was sent to (through a proxy: the forwarded host).
 */
export function isForeignServerAction(request: { method: string; headers: Headers }): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  // Browsers send Origin with every POST; without one, Next.js's own checks decide.
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
