// The agent workspace queue in a real browser against the built app on the demo organisation: a
// Facilities agent opens a saved view, narrows it with filters, selects two requests with the
// keyboard only and assigns both to himself in one bulk action; then finds them under "Mine". Then
// the agent's own layout: a saved view shared with the department and made his default, columns
// chosen and ordered with the keyboard, the view exported as CSV, SLA times in business days and
// hours, and the queue on a 390 px phone (the list first, filters in a drawer, nothing sideways).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { runAxe } from "../support/axe";
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
    // They apply as they change: no button to press.
    await filters.getByLabel("Status", { exact: true }).selectOption("NEW");
    await page.waitForURL((url) => url.searchParams.get("status") === "NEW");
    await filters.getByLabel("Order").selectOption("oldest");
    await page.waitForURL((url) => url.searchParams.get("status") === "NEW" && url.searchParams.get("sort") === "oldest" && url.searchParams.get("view") === "unassigned");
    await page.locator("th[aria-sort='ascending']").filter({ hasText: "Filed" }).waitFor();
    const labels = await rowLabels(page);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const [first, second] = labels.map((l) => l.split(" ")[0]!);

    // Keyboard only: j focuses the table, x selects, j moves down, x selects.
    // Filters keep the focus where the agent left it; off the form, j starts on the table.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
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
    // One more from its row's own button: every row's button submits the queue's one assign form with its request.
    const third = (await rowLabels(page))[0]!.split(" ")[0]!;
    expect([first, second]).not.toContain(third);
    await page.getByRole("button", { name: `Assign to me: ${third}` }).click();
    await expect.poll(async () => (await rowLabels(page)).some((l) => l.startsWith(`${third} `))).toBe(false);

    await page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: "Mine" }).click();
    await page.waitForURL(/view=mine/);
    for (const reference of [first, second]) {
      await filters.getByLabel("Title or number").fill(reference!);
      await page.waitForURL((url) => url.searchParams.get("q") === reference && url.searchParams.get("view") === "mine");
      await expect.poll(async () => (await rowLabels(page)).map((l) => l.split(" ")[0])).toEqual([reference]);
    }
    await screenshot(page, "queue-mine");
  });

  it("saves a shared view as his default, chooses and orders columns with the keyboard, and exports the view as CSV", async () => {
    const page = frank!;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/queue/FAC?view=open&sort=due");
    await page.getByRole("heading", { name: "Facilities queue" }).waitFor();
    expect((await runAxe(page)).violations).toEqual([]);

    // SLA times read in business days and hours of Facilities' calendar, never a pile of hours.
    const badges = await page.getByTestId("sla-badge").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    for (const text of badges) expect(text).toMatch(/^(Paused|Running|Breached|\d+ d( \d+ h)? (over|left)|\d+ h( \d+ min)? (over|left)|\d+ min (over|left))$/);
    expect(badges.join(" ")).not.toMatch(/\d+h \d+m/);

    // Titles stay within two lines and the table fits its card at 1366 px.
    const fits = await page.locator("table[aria-label='Requests in this queue']").evaluate((table) => table.scrollWidth <= (table.parentElement?.clientWidth ?? 0) + 1);
    expect(fits).toBe(true);
    const tallest = await page.locator("table[aria-label='Requests in this queue'] tbody td:nth-child(2) a").evaluateAll((links) =>
      Math.max(...links.map((a) => a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight))),
    );
    expect(tallest).toBeLessThanOrEqual(2.1);

    const name = `Due first ${Date.now().toString(36)}`;
    await page.getByTestId("save-view").locator("summary").click();
    await page.getByLabel("Name of the view").fill(name);
    await page.getByLabel("Share with the department's agents").check();
    await page.getByLabel("Open my queue with this view").check();
    await page.getByRole("button", { name: "Save view" }).click();
    await page.waitForURL(/saved=/);
    const views = page.getByRole("navigation", { name: "Saved views" });
    await expect.poll(() => views.getByRole("link", { name: new RegExp(name) }).getAttribute("aria-current")).toBe("page");
    // The queue opens with it.
    await page.goto("/queue/FAC");
    await page.waitForURL(/saved=/);
    await expect.poll(() => page.getByRole("form", { name: "Filters" }).getByLabel("Order").inputValue()).toBe("due");

    // Columns: hide "From", then move "SLA" to the front with the keyboard only.
    await page.getByTestId("column-chooser").locator("summary").click();
    const chooser = page.getByRole("form", { name: "Columns of the queue" });
    await chooser.getByRole("checkbox", { name: "From" }).uncheck();
    const up = chooser.getByRole("button", { name: "Move SLA up" });
    for (let i = 0; i < 2; i++) {
      await up.focus();
      await page.keyboard.press("Enter");
    }
    await chooser.getByRole("button", { name: "Save columns" }).click();
    await chooser.getByText("Columns saved.").waitFor();
    const headers = async () => (await page.locator("table[aria-label='Requests in this queue'] thead th").allTextContents()).map((t) => t.replace(/[▲▼↕]/g, "").trim()).filter(Boolean);
    await expect.poll(headers).toEqual(["Request", "SLA", "Status", "Priority", "Assignee", "Filed"]);
    expect((await runAxe(page)).violations).toEqual([]);
    await screenshot(page, "queue-desktop");
    // What the queue shows at first, for the README (docs/queue.png): the chooser closed again.
    await page.getByTestId("column-chooser").locator("summary").click();
    await expect.poll(() => chooser.isVisible()).toBe(false);
    await page.screenshot({ path: "tests/.artifacts/queue-desktop-viewport.png" });
    await page.getByTestId("column-chooser").locator("summary").click();
    await chooser.waitFor();

    // The export is the view as shown: its rows, the chosen columns in their order.
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toMatch(/^\/queue\/FAC\/export\?.*saved=/);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toBe("Reference,Title,SLA,Status,Priority,Assignee,Filed");
    const firstRow = (await rowLabels(page))[0]!.split(" ")[0]!;
    expect(csv.split("\r\n")[1]!.startsWith(`${firstRow},`)).toBe(true);
    // Someone who does not work the queue gets nothing.
    const { context: erinContext, page: erin } = await newPersonPage(browser, baseUrl);
    contexts.push(erinContext);
    await signInViaDemo(erin, "Erin Evans");
    expect((await erin.request.get(href!)).status()).toBe(404);

    // Back to the usual layout and default, so other tests see the queue as the demo has it.
    await page.getByTestId("manage-views").locator("summary").click();
    await page.getByLabel("My queue opens with").selectOption("");
    await page.getByRole("form", { name: "The view your queue opens with" }).getByRole("button", { name: "Save" }).click();
    await page.getByText("Your queue opens with the usual view.").waitFor();
    await page.getByRole("button", { name: `Delete the view ${name}` }).click();
    await expect.poll(() => views.getByRole("link", { name: new RegExp(name) }).count()).toBe(0);
    await page.goto("/queue/FAC?view=open");
    await page.getByTestId("column-chooser").locator("summary").click();
    await chooser.getByRole("button", { name: "Usual columns" }).click();
    await chooser.getByRole("button", { name: "Save columns" }).click();
    await expect.poll(headers).toEqual(["Request", "From", "Status", "SLA", "Priority", "Assignee", "Filed"]);
  });

  it("on a 390 px phone shows the requests first, the filters in a drawer, and nothing to scroll sideways", async () => {
    const page = frank!;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/queue/FAC?view=open");
    // The same table as at 1366 px, its rows cards: no column headers to see, the request first in each.
    const list = page.getByTestId("queue-phone-list");
    await list.getByRole("link").first().waitFor();
    expect(await list.locator("thead").evaluate((head) => head.getBoundingClientRect().height <= 1)).toBe(true);
    const card = list.locator("tbody tr").first();
    const [cardBox, linkBox] = [await card.boundingBox(), await card.getByRole("link").boundingBox()];
    expect(linkBox!.y - cardBox!.y).toBeLessThan(20);
    // The headers' sort buttons are still there for the keyboard, and seen while one has the focus.
    const sortFiled = list.getByRole("button", { name: "Filed" });
    await sortFiled.focus();
    expect((await sortFiled.boundingBox())!.height).toBeGreaterThan(10);
    await screenshot(page, "queue-phone-sort-focused");
    await sortFiled.blur();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The filters are a closed drawer above the list; the list is what shows.
    const drawer = page.locator("summary", { hasText: /^Filters/ });
    await expect.poll(() => page.getByRole("form", { name: "Filters" }).isVisible()).toBe(false);
    expect((await runAxe(page)).violations).toEqual([]);
    await screenshot(page, "queue-phone");
    // What a phone shows at first, for the README (docs/queue-phone.png).
    await page.screenshot({ path: "tests/.artifacts/queue-phone-viewport.png" });
    await drawer.click();
    await page.getByRole("form", { name: "Filters" }).getByLabel("Priority").selectOption("HIGH");
    await page.waitForURL((url) => url.searchParams.get("priority") === "HIGH");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await runAxe(page)).violations).toEqual([]);
    await screenshot(page, "queue-phone-filters");
    await page.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => page.getByRole("form", { name: "Filters" }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
