// Every time a person reads is in their own zone and labelled: a Facilities agent whose browser is in
// New York (the department is in Berlin) signs in for the first time, and the desk takes her zone
// from the browser; the queue and a request page then show every time in New York time with its
// abbreviation, and no unlabelled time is left. She then picks another zone in her preferences.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { formatTime } from "@/lib/time/format-time";
import { expectSignedInAs, launchBrowser, screenshot } from "../support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
const contexts: BrowserContext[] = [];
let current: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && current) await screenshot(current, `failed-time-zones-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`).catch(() => {});
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function pageIn(timezoneId: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, timezoneId, viewport: { width, height: 900 } });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  current = await context.newPage();
  return current;
}

/** A clock time ("16:00") with no zone label after it ("16:00 EST", "22:00 GMT+8" are labelled). */
const unlabelled = /\b\d{1,2}:\d{2}\b(?!\s+(?:[A-Z]{2,5}|GMT[+-]\d{1,2}(?::\d{2})?)\b)/g;
const newYork = /\b\d{2}:\d{2} E[SD]T\b/;

async function mainText(page: Page) {
  return page.locator("main").innerText();
}

describe("times in each person's zone", () => {
  it("takes the zone from the browser at first sign-in, and shows the queue and a request in it, every time labelled", async () => {
    const page = await pageIn("America/New_York");
    await page.goto("/signin");
    await page.getByRole("button", { name: /^Sophie Laurent\b/ }).click();
    await expectSignedInAs(page, "Sophie Laurent");
    // The header names the zone times are shown in: New York's on the very first page after signing
    // in (the sign-in page left the browser's zone in a cookie), not Berlin's (the department's) first.
    expect(await page.getByTestId("my-zone").innerText()).toMatch(/\bE[SD]T$/);

    await page.goto("/queue/FAC");
    await page.getByRole("heading", { name: "Facilities queue" }).waitFor();
    const queue = await mainText(page);
    expect(queue).toMatch(newYork);
    expect(queue.match(unlabelled) ?? []).toEqual([]);
    expect(queue).not.toMatch(/\b\d{2}:\d{2} CES?T\b/);

    // A request of the queue: its filing time, its timeline and its clocks, all in New York time.
    const first = page.locator("table[aria-label='Requests in this queue'] tbody tr a").first();
    await first.click();
    await page.getByRole("heading", { name: "Activity" }).waitFor();
    const text = await mainText(page);
    expect(text).toMatch(newYork);
    expect(text.match(unlabelled) ?? []).toEqual([]);
    const times = page.locator("[data-testid=timeline] time");
    expect(await times.count()).toBeGreaterThan(0);
    for (const time of await times.all()) {
      const iso = await time.getAttribute("datetime");
      expect(await time.innerText()).toBe(formatTime(new Date(iso!), { timeZone: "America/New_York" }));
    }
    // A running clock's due time adds Facilities' own (Berlin) time beside hers.
    const clocks = await page.getByTestId("sla-clocks").innerText().catch(() => "");
    if (/Due /.test(clocks)) expect(clocks).toMatch(/Due \w{3} \d{1,2} \w{3}(?: \d{4})?, \d{2}:\d{2} E[SD]T \((?:\w{3} \d{1,2} \w{3}(?: \d{4})?, )?\d{2}:\d{2} CES?T there\)/);
    await screenshot(page, "time-zones-request-new-york");

    // On a phone the same page keeps its labels.
    const phone = await pageIn("America/New_York", 390);
    await phone.goto("/signin");
    await phone.getByRole("button", { name: /^Sophie Laurent\b/ }).click();
    await expectSignedInAs(phone, "Sophie Laurent");
    await phone.goto(page.url());
    await phone.getByRole("heading", { name: "Activity" }).waitFor();
    expect((await mainText(phone)).match(unlabelled) ?? []).toEqual([]);
    await screenshot(phone, "time-zones-request-new-york-phone");
  });

  it("lets her choose another zone in her preferences, and go back to her department's", async () => {
    const page = await pageIn("America/New_York");
    await page.goto("/signin");
    await page.getByRole("button", { name: /^Sophie Laurent\b/ }).click();
    await expectSignedInAs(page, "Sophie Laurent");
    await page.goto("/account/time-zone");
    await expect.poll(() => page.getByTestId("my-time-zone").innerText()).toMatch(/America\/New_York \(the one your browser reported/);
    await page.getByLabel("Show times in").selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved: times are shown in Asia/Tokyo" }).waitFor();
    await page.goto("/notifications");
    await expect.poll(() => page.getByTestId("my-zone").innerText()).toMatch(/\bGMT\+9$/);
    expect((await mainText(page)).match(unlabelled) ?? []).toEqual([]);

    // Back to following her department: Berlin's zone.
    await page.goto("/account/time-zone");
    await page.getByLabel("Show times in").selectOption("department");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved: times are shown in Europe/Berlin (your department's)" }).waitFor();
  });
});
