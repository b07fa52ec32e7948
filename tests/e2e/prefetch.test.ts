// Links do not prefetch (app/_components/link.tsx): every page is dynamic, so each link next/link
// prefetched as it scrolled into view was a request the server answered (a queue's header and rows:
// dozens a look). A page's links cost the server nothing until one is followed, and following one
// still navigates in place: the document is not reloaded.
import { describe, expect, it } from "vitest";
import { browserSession } from "../support/e2e-session";

const session = browserSession({ failurePrefix: "failed-prefetch" });

describe("links", () => {
  it("prefetch nothing while a page is looked at, and still navigate without reloading the page", async () => {
    const frank = await session.as("Frank Fischer");
    const prefetches: string[] = [];
    frank.on("request", (r) => {
      const h = r.headers();
      if (h["next-router-prefetch"] || h["next-router-segment-prefetch"]) prefetches.push(r.url());
    });
    await frank.goto("/queue/FAC");
    await frank.getByRole("heading", { name: "Facilities queue" }).waitFor();
    const links = await frank.locator("a[href^='/']").count();
    expect(links).toBeGreaterThan(10);
    // Scrolled through, as a person reads it: every link has been in view.
    await frank.mouse.wheel(0, 5000);
    await frank.waitForLoadState("networkidle");
    expect(prefetches).toEqual([]);

    // A followed link is a soft navigation: a mark left on this document survives it.
    await frank.evaluate(() => ((window as unknown as { deskMark: number }).deskMark = 42));
    await frank.getByRole("link", { name: "My requests" }).first().click();
    await frank.waitForURL((url) => url.pathname === "/requests");
    await frank.getByRole("heading", { name: "My requests" }).waitFor();
    expect(await frank.evaluate(() => (window as unknown as { deskMark?: number }).deskMark)).toBe(42);
    expect(prefetches).toEqual([]);
  });
});
