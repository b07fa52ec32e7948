// The agent workspace queue in a real browser against the built app on the demo organisation: a
// Facilities agent opens a saved view, narrows it with filters, selects two requests with the
// keyboard only and assigns both to himself in one bulk action; then finds them under "Mine".
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPersonPage, screenshot, signInViaDemo } from "../support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
const contexts: BrowserContext[] = [];
let frank: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && frank) await screenshot(frank, `failed-queue-${task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}`).catch(() => {});
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

const rowLabels = (page: Page) => page.locator("table[aria-label='Requests in this queue'] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") ?? ""));

describe("agent queue", () => {
  it("uses a saved view and filters, selects two rows with the keyboard and bulk-assigns them to himself", async () => {
    const { context, page } = await newPersonPage(browser, baseUrl);
    contexts.push(context);
    frank = page;
    await signInViaDemo(page, "Frank Fischer");
    await page.goto("/queue/FAC");
    await page.getByRole("heading", { name: "Facilities queue" }).waitFor();

    // Saved view: Unassigned.
    await page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: "Unassigned" }).click();
    await page.waitForURL(/view=unassigned/);
    await expect.poll(() => page.getByRole("link", { name: "Unassigned" }).getAttribute("aria-current")).toBe("page");

    // Filters on top of the view: only new requests, oldest first.
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByLabel("Status", { exact: true }).selectOption("NEW");
    await filters.getByLabel("Order").selectOption("oldest");
    await filters.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "NEW" && url.searchParams.get("sort") === "oldest" && url.searchParams.get("view") === "unassigned");
    await page.locator("th[aria-sort='ascending']").filter({ hasText: "Filed" }).waitFor();
    const labels = await rowLabels(page);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const [first, second] = labels.map((l) => l.split(" ")[0]!);

    // Keyboard only: j focuses the table, x selects, j moves down, x selects.
    await page.locator("body").focus();
    await page.keyboard.press("j");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toMatch(new RegExp(`^${first}\\b`));
    await page.keyboard.press("x");
    await page.keyboard.press("j");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toMatch(new RegExp(`^${second}\\b`));
    await page.keyboard.press("x");
    await page.getByText("2 selected").waitFor();
    expect(await page.getByRole("checkbox", { name: `Select ${first}` }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: `Select ${second}` }).isChecked()).toBe(true);
    await screenshot(page, "queue-two-selected");

    // Bulk assign to me.
    await page.getByRole("form", { name: "Bulk actions" }).getByLabel("Assign to").selectOption("me");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "2 updated" }).waitFor();
    // The view no longer lists them: they are assigned now.
    await expect.poll(async () => (await rowLabels(page)).some((l) => l.startsWith(`${first} `) || l.startsWith(`${second} `))).toBe(false);

    await page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: "Mine" }).click();
    await page.waitForURL(/view=mine/);
    for (const reference of [first, second]) {
      await filters.getByLabel("Title or number").fill(reference!);
      await filters.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === reference && url.searchParams.get("view") === "mine");
      await expect.poll(async () => (await rowLabels(page)).map((l) => l.split(" ")[0])).toEqual([reference]);
    }
    await screenshot(page, "queue-mine");
  });
});
