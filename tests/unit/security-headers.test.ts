import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/security/client-ip";
import { contentSecurityPolicy, isForeignServerAction, isUnusablePath, securityHeaders, servedOverHttps } from "@/lib/security/headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("security headers", () => {
  it("allow scripts and styles only from the desk and with this response's nonce, and no framing", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123", dev: false, https: false }));
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp["style-src"]).toBe("'self' 'nonce-abc123'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'self'");
    expect(csp["form-action"]).toBe("'self'");
    expect(csp).not.toHaveProperty("upgrade-insecure-requests");
    expect(JSON.stringify(csp)).not.toContain("unsafe-eval");
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true, https: false }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("set the rest on every response, and HSTS only over https", () => {
    const plain = securityHeaders({ nonce: "n", dev: false, https: false });
    expect(plain).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(plain).not.toHaveProperty("Strict-Transport-Security");
    const secure = securityHeaders({ nonce: "n", dev: false, https: true });
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("tell https from the URL or from the proxy that terminated TLS", () => {
    expect(servedOverHttps({ url: "https://desk.example.com/", headers: new Headers() })).toBe(true);
    expect(servedOverHttps({ url: "http://10.0.0.5:3000/", headers: new Headers({ "x-forwarded-proto": "https" }) })).toBe(true);
    expect(servedOverHttps({ url: "http://127.0.0.1:3000/", headers: new Headers() })).toBe(false);
  });
});

describe("requests answered before any route runs", () => {
  it("refuses paths with escapes that are not UTF-8, or a NUL", () => {
    for (const bad of ["/requests/%ff%fe", "/queue/%c3", "/requests/%ed%a0%80", "/queue/FAC%00", "/api/v1/requests/%E0%A4%A"]) expect(isUnusablePath(bad), bad).toBe(true);
    for (const good of ["/requests/FAC-1042", "/queue/%C3%A9", "/search", "/requests/%20"]) expect(isUnusablePath(good), good).toBe(false);
  });

  it("refuses a Server Action whose Origin is another site", () => {
    const post = (headers: Record<string, string>) => ({ method: "POST", headers: new Headers({ "next-action": "a1", host: "desk.example.com", ...headers }) });
    expect(isForeignServerAction(post({ origin: "https://evil.example.com" }))).toBe(true);
    expect(isForeignServerAction(post({ origin: "https://desk.example.com.evil.example" }))).toBe(true);
    expect(isForeignServerAction(post({ origin: "null" }))).toBe(true);
    expect(isForeignServerAction(post({ origin: "https://desk.example.com" }))).toBe(false);
    expect(isForeignServerAction(post({ origin: "https://desk.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "desk.example.com" }))).toBe(false);
    expect(isForeignServerAction(post({}))).toBe(false);
    expect(isForeignServerAction({ method: "POST", headers: new Headers({ origin: "https://evil.example.com", host: "desk.example.com" }) })).toBe(false);
  });
});

describe("the client's IP for the sign-in throttle", () => {
  it("is the last X-Forwarded-For entry, the one the proxy wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.7, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
