// What a security reviewer probes, against the built app: the security headers on every response
// (and a CSP that the app's own pages live with), the requests Next.js itself used to answer with a
// 500, a tampered unlink form, and the HTTP part of the fuzz tier: generated hostile queries, paths
// and JSON bodies at every /api/v1 endpoint, none of which may get a 5xx.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { apiFileRequestSchema, apiListQuerySchema } from "@/lib/validation/api";
import { isStorableText } from "@/lib/validation/text";
import { fileCleaning } from "../support/e2e-requests";
import { browserSession } from "../support/e2e-session";
import { hostile, hostileString, keysOf } from "../support/hostile";

const { as } = browserSession();
const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);

const securityHeaderNames = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy"] as const;

describe("security headers", () => {
  it("are on pages, API answers and refusals; HSTS only when served over https", async () => {
    for (const path of ["/signin", "/api/v1/requests", "/api/health", "/requests/FAC-1", "/no-such-page"]) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      for (const name of securityHeaderNames) expect(res.headers.get(name), `${name} on ${path}`).toBeTruthy();
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const secure = await fetch(`${baseUrl}/signin`, { headers: { "x-forwarded-proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
  });

  it("give each page its own nonce, which Next.js puts on its scripts", async () => {
    const [first, second] = await Promise.all([fetch(`${baseUrl}/signin`), fetch(`${baseUrl}/signin`)]);
    const nonce = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(first)).toBeTruthy();
    expect(nonce(first)).not.toBe(nonce(second));
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(first)}"`);
  });

  it("break none of the pages people use: no policy violation while an agent works", async () => {
    const page = await as("Frank Fischer");
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/", "/catalog", "/requests", "/queue/FAC", "/notifications", "/account/tokens", "/search?q=printer", "/catalog/FAC/cleaning"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    const reference = await page.goto("/queue/FAC").then(() => page.locator('a[href^="/requests/FAC-"]').first().getAttribute("href"));
    await page.goto(reference!);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
});

describe("requests Next.js itself answered with a 500", () => {
  it("refuses a path with an escape that is not UTF-8, or a NUL, with a 400 (JSON under /api)", async () => {
    for (const path of ["/requests/%ff%fe", "/queue/%c3%28", "/insights/FAC%00", "/requests/FAC-1%00", "/api/attachments/%ff", "/settings/%e0%80%80/catalog"]) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(400);
    }
    const api = await fetch(`${baseUrl}/api/v1/requests/%ff%fe`);
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.any(String) } });
  });

  it("refuses a Server Action posted from another site with a 403, not a 500", async () => {
    const res = await fetch(`${baseUrl}/catalog`, {
      method: "POST",
      headers: { "next-action": "0123456789abcdef0123456789abcdef01234567", origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });
});

describe("throttles", () => {
  it("refuse email-link requests for one address past DESK_SIGNIN_RATE_PER_ADDRESS, before next-auth runs", async () => {
    const email = `nobody-${run}@example.com`;
    const ask = () => fetch(`${baseUrl}/api/auth/signin/email`, { method: "POST", body: new URLSearchParams({ email, json: "true" }), redirect: "manual" });
    // The default limit is 10 per window; these carry no CSRF token, so next-auth sends nothing.
    for (let i = 0; i < 10; i++) expect((await ask()).status).not.toBe(429);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ url: `${baseUrl}/signin?error=throttled` });
  });
});

describe("a tampered unlink form", () => {
  it("naming another request's link says nothing was removed, and removes nothing", async () => {
    const erin = await as("Erin Evans");
    const file = (title: string) => fileCleaning(erin, { title, description: "Sand on the stairs.", location: "Berlin HQ, floor 1" });
    const [a, b, c] = [await file(`Sand A (${run})`), await file(`Sand B (${run})`), await file(`Sand C (${run})`)];
    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${a}`);
    await frank.getByRole("textbox", { name: "Link a request by its number" }).fill(b);
    await frank.getByRole("button", { name: "Link", exact: true }).click();
    await frank.getByTestId("links").getByRole("link", { name: b }).waitFor();

    // The link is a's and b's; the form is made to say it is c's.
    await frank.goto(`/requests/${c}`);
    const cId = await frank.locator('input[name="requestId"]').first().inputValue();
    await frank.goto(`/requests/${a}`);
    const remove = frank.getByRole("button", { name: `Remove the link to ${b}` });
    await remove.locator("xpath=ancestor::form").locator('input[name="requestId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), cId);
    await remove.click();
    await frank.getByText("nothing was removed").waitFor();
    expect(await frank.getByText("Link removed.").count()).toBe(0);
    await frank.reload();
    await frank.getByTestId("links").getByRole("link", { name: b }).waitFor();
  });
});

describe("the API against hostile input (fuzz tier, HTTP)", () => {
  it("answers every call with a status below 500 and the JSON error shape", async () => {
    const frank = await as("Frank Fischer");
    await frank.goto("/account/tokens");
    await frank.getByRole("textbox", { name: "Name", exact: true }).fill(`fuzz ${run}`);
    await frank.getByRole("button", { name: "Create token" }).click();
    const token = await frank.getByTestId("new-token").inputValue();
    const reference = await frank.goto("/queue/FAC").then(() => frank.locator('a[href^="/requests/FAC-"]').first().getAttribute("href")).then((href) => href!.split("/").pop()!);
    const types = (await (await fetch(`${baseUrl}/api/v1/request-types`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { id: string }[] };
    const h = hostile([reference, "FAC", "me", "OPEN", "ACTIVE", types.data[0]!.id], { typeId: types.data[0]!.id, title: "Fuzzed", description: "Fuzzed", body: "Fuzzed", status: "OPEN", department: "FAC" });

    const segment = fc.oneof(fc.constant(reference), hostileString.filter(isStorableText).map(encodeURIComponent), fc.constantFrom("%ff", "%00", "..", "%2e%2e", "FAC-0"));
    const body = fc.oneof(
      h.object(keysOf(apiFileRequestSchema)).map((v) => JSON.stringify(v)),
      h.object(["body", "visibility", "status", "assigneeId", "expectedVersion"]).map((v) => JSON.stringify(v)),
      fc.constantFrom('{"title":"\\ud800 lone","description":"x","typeId":"x"}', '{"body":"\\udc00"}', '{"body":"a\\u0000b"}', "[]", "null", "{", '"\\ud800"', ""),
      h.value.map((v) => JSON.stringify(v) ?? ""),
    );
    const query = h.form(keysOf(apiListQuerySchema)).map((q) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string")).toString());
    const call = fc.oneof(
      fc.record({ method: fc.constant("GET"), path: query.map((q) => `/requests?${q}`), body: fc.constant(undefined) }),
      fc.record({ method: fc.constant("POST"), path: fc.constant("/requests"), body }),
      fc.record({ method: fc.constant("GET"), path: segment.map((s) => `/requests/${s}`), body: fc.constant(undefined) }),
      fc.record({ method: fc.constant("POST"), path: segment.map((s) => `/requests/${s}/comments`), body }),
      fc.record({ method: fc.constant("PUT"), path: segment.map((s) => `/requests/${s}/status`), body }),
      fc.record({ method: fc.constant("PUT"), path: segment.map((s) => `/requests/${s}/assignee`), body }),
      fc.record({ method: fc.constantFrom("GET", "POST", "DELETE"), path: fc.constantFrom("/request-types", "/openapi.json", "/nope", "/requests/x/y/z"), body: fc.constant(undefined) }),
    );
    const headers = fc.record({ "idempotency-key": fc.oneof(fc.constant(undefined), hostileString.filter((k) => /^[\x20-\x7e]*$/.test(k))) }, { requiredKeys: [] });

    await fc.assert(
      fc.asyncProperty(call, headers, async ({ method, path, body }, extra) => {
        const res = await fetch(`${baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) },
          body: method === "GET" ? undefined : body,
        });
        const text = await res.text();
        expect(res.status, `${method} ${path} ${body ?? ""} -> ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(text), `${method} ${path}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }),
      { numRuns: 150 },
    );
  });
});
