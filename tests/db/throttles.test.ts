// The throttles on what was not throttled before: Server Actions per person, sign-in attempts and
// email-link requests per address and per IP. All count in the one RateWindow table the API's
// limit uses (lib/security/rate-limit.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { runActionAs } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/permissions";
import { throttleSignIn } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { rateKey } from "@/lib/security/rate-limit";
import { uid } from "../support/factories";
import { fillNextWindow } from "../support/rate-windows";

const keys: string[] = [];
afterEach(async () => {
  await db().rateWindow.deleteMany({ where: { key: { in: keys.splice(0) } } });
});

const signInWindow = () => env().DESK_SIGNIN_RATE_WINDOW_MINUTES * 60;
const fill = async (key: string, count: number, windowSeconds?: number) => keys.push(await fillNextWindow(key, count, windowSeconds));

describe("Server Actions", () => {
  // Only the id is read before the use case runs, and the use case here is a stand-in.
  const actor = () => ({ id: `throttled-${uid()}` }) as Actor;

  it("refuses a person's actions over DESK_ACTION_RATE_LIMIT a minute with a message, without running them", async () => {
    const busy = actor();
    keys.push(rateKey("action", busy.id));
    const work = vi.fn(async () => "done");
    expect(await runActionAs(busy, work)).toEqual({ ok: true, data: "done" });
    await fill(rateKey("action", busy.id), env().DESK_ACTION_RATE_LIMIT);
    const refused = await runActionAs(busy, work);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/too much at once \(at most \d+ a minute\)/) });
    expect(work).toHaveBeenCalledTimes(1);
    // Someone else's actions are counted on their own.
    const other = actor();
    keys.push(rateKey("action", other.id));
    expect(await runActionAs(other, work)).toMatchObject({ ok: true });
  });
});

describe("sign-in", () => {
  const base = env().NEXTAUTH_URL;
  const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${uid()}`;
  const linkRequest = (email: string, from: string) =>
    new Request(`${base}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.0.0.1, ${from}` },
      body: new URLSearchParams({ email, csrfToken: "x", json: "true" }),
    });

  it("refuses email-link requests for one address over the limit, from any IP, with next-auth's JSON", async () => {
    const email = `someone-${uid()}@example.com`;
    const from = ip();
    keys.push(rateKey("signin-ip", from), rateKey("signin-ip", "elsewhere"));
    expect(await throttleSignIn(linkRequest(email, from), ["signin", "email"])).toBeNull();
    await fill(rateKey("signin-address", email), env().DESK_SIGNIN_RATE_PER_ADDRESS, signInWindow());
    for (const request of [linkRequest(email.toUpperCase(), from), linkRequest(email, "elsewhere")]) {
      const refused = await throttleSignIn(request, ["signin", "email"]);
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await refused?.json()).toEqual({ url: `${new URL(base).origin}/signin?error=throttled` });
    }
    // A clicked link for that address is refused too, back to the sign-in page.
    const click = await throttleSignIn(new Request(`${base}/api/auth/callback/email?email=${encodeURIComponent(email)}&token=t`, { headers: { "x-forwarded-for": from } }), ["callback", "email"]);
    expect(click?.status).toBe(303);
    expect(click?.headers.get("location")).toMatch(/\/signin\?error=throttled$/);
  });

  it("refuses every sign-in attempt from one IP over its limit, whatever the address, and counts the proxy's entry, not the client's", async () => {
    const from = ip();
    await fill(rateKey("signin-ip", from), env().DESK_SIGNIN_RATE_PER_IP, signInWindow());
    const address = `fresh-${uid()}@example.com`;
    keys.push(rateKey("signin-address", address));
    expect((await throttleSignIn(linkRequest(address, from), ["signin", "email"]))?.status).toBe(429);
    const demo = new Request(`${base}/api/auth/callback/demo`, { method: "POST", headers: { "x-forwarded-for": from }, body: new URLSearchParams({ personId: "p" }) });
    expect((await throttleSignIn(demo, ["callback", "demo"]))?.status).toBe(429);
    // A forged first entry does not escape the limit: the last one is the proxy's.
    const forged = new Request(`${base}/api/auth/callback/demo`, { method: "POST", headers: { "x-forwarded-for": `198.51.100.7, ${from}` }, body: new URLSearchParams({ personId: "p" }) });
    expect((await throttleSignIn(forged, ["callback", "demo"]))?.status).toBe(429);
  });

  it("leaves what is no sign-in attempt alone and uncounted", async () => {
    const from = ip();
    for (const [path, method] of [[["session"], "GET"], [["csrf"], "GET"], [["providers"], "GET"], [["signin"], "GET"], [["signout"], "POST"]] as const) {
      expect(await throttleSignIn(new Request(`${base}/api/auth/${path.join("/")}`, { method, headers: { "x-forwarded-for": from } }), path)).toBeNull();
    }
    expect(await db().rateWindow.count({ where: { key: rateKey("signin-ip", from) } })).toBe(0);
  });
});
